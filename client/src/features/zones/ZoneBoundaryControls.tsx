/**
 * The zone boundary (片区范围) in the zone panel: draw or edit it by hand on the map, save or
 * cancel, or go back to the outline computed around the members. Planners and admins only.
 */
import { App as AntApp, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { geometryOf } from '../../../../core/geometry/polygon-parts';
import type { ZoneApiFeature } from '../../api';
import type { Language } from '../../shared/i18n/languages';
import { useEditStore } from '../edit/edit-store';
import { useZoneBoundaryStore } from './zone-boundary-store';
import { patchZoneAndStore } from './zone-writes';

interface ZoneBoundaryControlsProps {
  zone: ZoneApiFeature;
  language: Language;
  /** Why this user may not change zones (null: they may). */
  refusal: string | null;
}

export function ZoneBoundaryControls({ zone, language, refusal }: ZoneBoundaryControlsProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const editing = useZoneBoundaryStore((s) => (s.edit?.zoneId === zone.id ? s.edit : null));
  const estateEditing = useEditStore((s) => s.session !== null);
  const [busy, setBusy] = useState(false);
  const drawn = zone.properties.boundary === 'drawn';

  const send = async (boundary: ReturnType<typeof geometryOf>, done: string) => {
    setBusy(true);
    const result = await patchZoneAndStore(zone, { boundary }, language);
    setBusy(false);
    if (result.ok) {
      useZoneBoundaryStore.getState().stop();
      void message.success(done);
    } else {
      void message.error(result.code === 'zone_version_conflict' ? `${result.message} ${t('zones.conflict')}` : result.message);
    }
  };

  if (editing) {
    const geometry = geometryOf(editing.parts);
    return (
      <div className="atlas-zone-boundary" data-testid="zone-boundary-editing">
        <Typography.Text type="secondary">{t('zones.boundaryEdit.hint')}</Typography.Text>
        <Space size="small" wrap>
          <Button
            type="primary"
            size="small"
            loading={busy}
            disabled={geometry === null}
            onClick={() => void send(geometry, t('zones.boundaryEdit.saved'))}
            data-testid="zone-boundary-save"
          >
            {t('zones.boundaryEdit.save')}
          </Button>
          <Button size="small" disabled={busy} onClick={() => useZoneBoundaryStore.getState().stop()} data-testid="zone-boundary-cancel">
            {t('zones.panel.cancel')}
          </Button>
        </Space>
      </div>
    );
  }

  const reason = refusal ?? (estateEditing ? t('zones.boundaryEdit.estateEditing') : null);
  return (
    <div className="atlas-zone-boundary">
      <Space size="small" wrap>
        <Tooltip title={reason}>
          <span>
            <Button
              size="small"
              disabled={busy || reason !== null}
              onClick={() => useZoneBoundaryStore.getState().start(zone)}
              data-testid="zone-boundary-edit"
            >
              {t(drawn ? 'zones.boundaryEdit.edit' : 'zones.boundaryEdit.draw')}
            </Button>
          </span>
        </Tooltip>
        {drawn ? (
          <Tooltip title={refusal}>
            <span>
              <Button
                size="small"
                loading={busy}
                disabled={refusal !== null}
                onClick={() => void send(null, t('zones.boundaryEdit.computedAgain'))}
                data-testid="zone-boundary-computed"
              >
                {t('zones.boundaryEdit.useComputed')}
              </Button>
            </span>
          </Tooltip>
        ) : null}
      </Space>
    </div>
  );
}
