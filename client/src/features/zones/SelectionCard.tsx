/**
 * The picked estates: live totals (core/estate-totals.ts) and what can be done with them — create
 * a zone, add them to a zone, take them out of their zones, clear.
 */
import { App as AntApp, Button, Select, Tooltip } from 'antd';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { estateTotals } from '../../../../core/estate-totals';
import type { EstateApiFeature } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useRefusal } from '../../state/use-can';
import { zoneOfEstate } from '../../state/zone-slice';
import { useZoneFormStore } from './zone-form-store';
import { patchZoneAndStore } from './zone-writes';
import { ZoneTotals } from './ZoneTotals';

export const SelectionCard = memo(function SelectionCard({ estates }: { estates: readonly EstateApiFeature[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const pickedIds = useAtlasStore((s) => s.pickedEstateIds);
  const zones = useAtlasStore((s) => s.zones);
  const clearPicked = useAtlasStore((s) => s.clearPicked);
  const openDraft = useZoneFormStore((s) => s.openDraft);
  const refusal = useRefusal('zones.write');
  // The estate or facility panel covers the map's right side (SidePanel.tsx).
  const besidePanel = useAtlasStore((s) => s.selectedEstateId !== null || s.selectedFacilityId !== null);
  const [busy, setBusy] = useState(false);

  const picked = useMemo(() => {
    const ids = new Set(pickedIds);
    return estates.filter((f) => ids.has(f.id));
  }, [estates, pickedIds]);
  const totals = useMemo(() => estateTotals(picked.map((f) => f.properties)), [picked]);
  const byEstate = useMemo(() => zoneOfEstate(zones), [zones]);
  const holding = useMemo(() => {
    const found = new Map<number, NonNullable<ReturnType<typeof byEstate.get>>>();
    for (const f of picked) {
      const zone = byEstate.get(f.id);
      if (zone) found.set(zone.id, zone);
    }
    return [...found.values()];
  }, [picked, byEstate]);
  const inZones = picked.filter((f) => byEstate.has(f.id)).length;
  if (picked.length === 0) return null;

  const sep = language === 'zh' ? '、' : ', ';
  const disabled = busy || refusal !== null;
  const addTo = async (zoneId: number) => {
    const zone = zones?.find((z) => z.id === zoneId);
    if (!zone) return;
    setBusy(true);
    const estateIds = [...new Set([...zone.properties.estateIds, ...pickedIds])];
    const result = await patchZoneAndStore(zone, { estateIds }, language);
    setBusy(false);
    if (result.ok) {
      void message.success(t('zones.panel.updated'));
      useAtlasStore.getState().openZone(zone.id);
    } else void message.error(result.message);
  };
  const removeFromZones = async () => {
    setBusy(true);
    const gone = new Set(pickedIds);
    for (const zone of holding) {
      const result = await patchZoneAndStore(zone, { estateIds: zone.properties.estateIds.filter((id) => !gone.has(id)) }, language);
      if (!result.ok) void message.error(result.message);
      else void message.success(t('zones.panel.updated'));
    }
    setBusy(false);
  };

  return (
    <div
      className={besidePanel ? 'atlas-selection-card atlas-selection-card-beside-panel' : 'atlas-selection-card'}
      data-testid="selection-card"
    >
      <div className="atlas-selection-title">
        <span data-testid="selection-count">{t('zones.selection.title', { count: picked.length })}</span>
        <Button size="small" type="link" onClick={clearPicked} data-testid="selection-clear">
          {t('zones.selection.clear')}
        </Button>
      </div>
      <ZoneTotals totals={totals} language={language} testId="selection-totals" />
      {inZones > 0 ? (
        <div className="atlas-selection-note" data-testid="selection-in-zones">
          {t('zones.selection.inZones', { count: inZones, names: holding.map((z) => z.properties.name).join(sep) })}
        </div>
      ) : null}
      <div className="atlas-selection-actions">
        <Tooltip title={refusal ?? (inZones === picked.length ? t('zones.selection.needsFree') : null)}>
          <span>
            <Button
              type="primary"
              size="small"
              disabled={disabled || inZones === picked.length}
              onClick={() => openDraft({ estateIds: pickedIds, fromSuggestion: false })}
              data-testid="selection-create-zone"
            >
              {t('zones.selection.create')}
            </Button>
          </span>
        </Tooltip>
        {zones && zones.length > 0 ? (
          <Tooltip title={refusal}>
            <Select<number>
              size="small"
              className="atlas-selection-add"
              style={{ minWidth: 120 }}
              popupMatchSelectWidth={false}
              placeholder={t('zones.selection.addToPlaceholder')}
              disabled={disabled}
              value={null}
              options={zones.map((z) => ({ value: z.id, label: z.properties.name }))}
              onChange={(id) => void addTo(id)}
              aria-label={t('zones.selection.addTo')}
              data-testid="selection-add-to-zone"
            />
          </Tooltip>
        ) : null}
        {holding.length > 0 ? (
          <Tooltip title={refusal}>
            <span>
              <Button size="small" disabled={disabled} onClick={() => void removeFromZones()} data-testid="selection-remove-from-zone">
                {t('zones.selection.removeFrom')}
              </Button>
            </span>
          </Tooltip>
        ) : null}
      </div>
    </div>
  );
});
