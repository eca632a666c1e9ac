/**
 * The life-circle catalogue as an administrator sets it (catalogue.write): each type's walking
 * radius (the standard's beside it) and whether it counts as a gap. A change is saved at once,
 * audited, and the city's coverage is computed again.
 */
import { Alert, App as AntApp, InputNumber, Switch, Table } from 'antd';
import { AdminDrawer } from '../../shared/AdminDrawer';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityTypesResponse } from '../../../../core/contract/coverage';
import { RADIUS_BOUNDS_M } from '../../../../core/coverage/coverage-types';
import { ApiError, fetchFacilityTypes, putFacilityType } from '../../api';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';

type CatalogueRow = FacilityTypesResponse['types'][number];

const DRAWER_WIDTH_PX = 640;

export function CatalogueDrawer({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [rows, setRows] = useState<CatalogueRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchFacilityTypes(controller.signal)
      .then(setRows)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(String(failure));
      });
    return () => controller.abort();
  }, []);

  const save = async (row: CatalogueRow, change: { radiusM: number; counted: boolean }) => {
    setSaving(row.id);
    try {
      setRows(await putFacilityType(row.id, change));
      useAtlasStore.getState().coverageInputsChanged();
      void message.success(t('catalogue.saved', { name: facilityTypeName(row.id, language) }));
    } catch (failure) {
      void message.error(failure instanceof ApiError ? failure.messageIn(language) : String(failure));
    } finally {
      setSaving(null);
    }
  };

  return (
    <AdminDrawer onClose={onClose} title={t('catalogue.title')} widthPx={DRAWER_WIDTH_PX}>
      <div data-testid="catalogue-drawer">
        <p className="coverage-origin">{t('catalogue.intro', { min: RADIUS_BOUNDS_M.min, max: RADIUS_BOUNDS_M.max })}</p>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Table<CatalogueRow>
          size="small"
          rowKey="id"
          loading={rows === null && !error}
          dataSource={rows ?? []}
          pagination={false}
          columns={[
            { key: 'name', title: t('catalogue.type'), render: (_, row) => facilityTypeName(row.id, language) },
            { key: 'tier', title: t('catalogue.tier'), render: (_, row) => t(`legend.tiers.${row.tier}`) },
            {
              key: 'radius',
              title: t('catalogue.radius'),
              render: (_, row) => (
                <InputNumber<number>
                  size="small"
                  min={RADIUS_BOUNDS_M.min}
                  max={RADIUS_BOUNDS_M.max}
                  defaultValue={row.radiusM}
                  disabled={saving === row.id}
                  aria-label={`${facilityTypeName(row.id, language)} ${t('catalogue.radius')}`}
                  data-testid={`catalogue-radius-${row.id}`}
                  onBlur={(event) => {
                    const radiusM = Number(event.target.value);
                    if (Number.isFinite(radiusM) && radiusM !== row.radiusM) void save(row, { radiusM, counted: row.counted });
                  }}
                />
              ),
            },
            { key: 'standard', title: t('catalogue.standard'), render: (_, row) => `${row.defaultRadiusM} m` },
            {
              key: 'counted',
              title: t('catalogue.counted'),
              render: (_, row) => (
                <Switch
                  size="small"
                  checked={row.counted}
                  loading={saving === row.id}
                  aria-label={`${facilityTypeName(row.id, language)} ${t('catalogue.counted')}`}
                  data-testid={`catalogue-counted-${row.id}`}
                  onChange={(counted) => void save(row, { radiusM: row.radiusM, counted })}
                />
              ),
            },
          ]}
        />
      </div>
    </AdminDrawer>
  );
}
