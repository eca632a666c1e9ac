/** A facility's record in its panel: read-only, or edited in place by roles that may (facilities.write). */
import { App as AntApp, Button, Descriptions, Input, Popconfirm, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_STATUSES, FACILITY_STATUS_LABELS, type FacilityStatus } from '../../../../core/facilities/facility-record';
import { isFacilityTypeId, type FacilityTypeId } from '../../../../core/facility-catalogue';
import { FacilityTypeSelect } from './FacilityTypeSelect';
import { ApiError, deleteFacility, patchFacility, type FacilityFeature } from '../../api';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';

interface Draft {
  type: FacilityTypeId;
  name: string;
  status: FacilityStatus;
}

function draftOf(facility: FacilityFeature): Draft {
  const type = facility.properties.type;
  return { type: isFacilityTypeId(type) ? type : 'kindergarten', name: facility.properties.name, status: facility.properties.status };
}

/** Keyed by the facility's id and version, so a stored change starts a fresh draft. */
export function FacilityForm({ facility }: { facility: FacilityFeature }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const moving = useAtlasStore((s) => s.mapPlacement?.kind === 'moveFacility');
  const canEdit = useCan('facilities.write');
  const [draft, setDraft] = useState<Draft>(() => draftOf(facility));
  const [busy, setBusy] = useState(false);

  const refusal = (error: unknown) => (error instanceof ApiError ? error.messageIn(language) : String(error));
  const write = async (action: (f: FacilityFeature) => Promise<void>) => {
    setBusy(true);
    try {
      await action(facility);
    } catch (error) {
      void message.error(refusal(error));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    write(async (f) => {
      if (typeof f.id !== 'number') return;
      useAtlasStore.getState().facilityStored(await patchFacility(f.id, { ...draft, version: f.properties.version }));
      void message.success(t('facility.saved'));
    });
  const remove = () =>
    write(async (f) => {
      if (typeof f.id !== 'number') return;
      await deleteFacility(f.id, f.properties.version);
      useAtlasStore.getState().facilityRemoved(f.id);
    });

  const p = facility.properties;
  const changed = JSON.stringify(draft) !== JSON.stringify(draftOf(facility));
  const [lng, lat] = facility.geometry.coordinates;
  return (
    <div className="facility-panel" data-testid="facility-panel">
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          {
            key: 'type',
            label: t('facility.type'),
            children: canEdit ? (
              <FacilityTypeSelect
                value={draft.type}
                onChange={(type) => setDraft({ ...draft, type })}
                testId="facility-type"
                ariaLabel={t('facility.type')}
                className="atlas-full-width"
              />
            ) : (
              facilityTypeName(p.type, language)
            ),
          },
          {
            key: 'name',
            label: t('facility.name'),
            children: canEdit ? (
              <Input
                size="small"
                data-testid="facility-name"
                aria-label={t('facility.name')}
                maxLength={100}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            ) : (
              p.name || t('facility.unnamed')
            ),
          },
          {
            key: 'status',
            label: t('facility.status'),
            children: canEdit ? (
              <Segmented<FacilityStatus>
                size="small"
                data-testid="facility-status"
                value={draft.status}
                onChange={(status) => setDraft({ ...draft, status })}
                options={FACILITY_STATUSES.map((s) => ({ value: s, label: FACILITY_STATUS_LABELS[s][language] }))}
              />
            ) : (
              FACILITY_STATUS_LABELS[p.status][language]
            ),
          },
          { key: 'source', label: t('facility.source'), children: p.source || t('facility.sourceNone') },
          { key: 'position', label: t('facility.position'), children: `${lng?.toFixed(6) ?? ''}, ${lat?.toFixed(6) ?? ''}` },
          { key: 'version', label: t('facility.version'), children: <span data-testid="facility-version">{p.version}</span> },
        ]}
      />
      {canEdit ? (
        <div className="facility-actions">
          <Button type="primary" size="small" disabled={!changed} loading={busy} data-testid="facility-save" onClick={() => void save()}>
            {t('facility.save')}
          </Button>
          <Button
            size="small"
            type={moving ? 'primary' : 'default'}
            data-testid="facility-move"
            onClick={() =>
              useAtlasStore
                .getState()
                .setMapPlacement(moving || typeof facility.id !== 'number' ? null : { kind: 'moveFacility', id: facility.id })
            }
          >
            {t('facility.move')}
          </Button>
          <Popconfirm title={t('facility.deleteConfirm', { name: p.name || t('facility.unnamed') })} onConfirm={() => void remove()}>
            <Button size="small" danger data-testid="facility-delete">
              {t('facility.delete')}
            </Button>
          </Popconfirm>
        </div>
      ) : null}
    </div>
  );
}
