/** An estate's gates in its panel: listed, added by a click on the map, removed; coverage then measures from them. */
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, deleteEstateGate, fetchEstateGates, type EstateGate } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';

export function GateEditor({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const revision = useAtlasStore((s) => s.inputsRevision);
  const placing = useAtlasStore((s) => s.mapPlacement?.kind === 'gate' && s.mapPlacement.estateId === estateId);
  const setPlacement = useAtlasStore((s) => s.setMapPlacement);
  const coverageInputsChanged = useAtlasStore((s) => s.coverageInputsChanged);
  const canEdit = useCan('ledger.write');
  const [gates, setGates] = useState<EstateGate[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchEstateGates(controller.signal)
      .then((all) => setGates(all.filter((g) => g.estateId === estateId)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [estateId, revision]);

  const remove = async (gate: EstateGate) => {
    try {
      await deleteEstateGate(gate.estateId, gate.id);
      setError(null);
      coverageInputsChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.messageIn(language) : String(failure));
    }
  };

  return (
    <div className="facility-gates" data-testid="gate-editor">
      <div className="coverage-tier-title">{t('facility.gates.title')}</div>
      {gates.length === 0 ? <div className="coverage-origin">{t('facility.gates.none')}</div> : null}
      <ul className="facility-gate-list">
        {gates.map((gate, i) => (
          <li key={gate.id} data-testid="gate-item">
            <span>
              {t('facility.gates.item', { n: i + 1 })} · {gate.lngLat[0].toFixed(5)}, {gate.lngLat[1].toFixed(5)}
            </span>
            {canEdit ? (
              <Button size="small" type="link" danger data-testid="gate-remove" onClick={() => void remove(gate)}>
                {t('facility.gates.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Button
          size="small"
          type={placing ? 'primary' : 'default'}
          data-testid="gate-add"
          onClick={() => setPlacement(placing ? null : { kind: 'gate', estateId })}
        >
          {t('facility.gates.add')}
        </Button>
      ) : null}
      {error ? <div className="facility-error">{error}</div> : null}
    </div>
  );
}
