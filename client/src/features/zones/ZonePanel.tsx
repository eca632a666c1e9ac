/**
 * One zone: name (rename), totals, boundary source, split reason, members, neighbour links and the
 * facilities that serve it (ZoneDetailLists), and the writes — add or remove the picked estates, delete.
 */
import { App as AntApp, Button, Descriptions, Input, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useRefusal } from '../../state/use-can';
import { useZoneDetail } from './use-zone-detail';
import { ZoneBoundaryControls } from './ZoneBoundaryControls';
import { ZoneDetailLists } from './ZoneDetailLists';
import { useZoneBoundaryStore } from './zone-boundary-store';
import { deleteZoneAndForget, patchZoneAndStore } from './zone-writes';
import { ZoneTotals } from './ZoneTotals';
import { ZoneProgrammeSection } from '../programme/ZoneProgrammeSection';
import { ZoneCoverageSection } from '../coverage/ZoneCoverageSection';

export function ZonePanel() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const zoneId = useAtlasStore((s) => s.selectedZoneId);
  const zone = useAtlasStore((s) => s.zones?.find((z) => z.id === s.selectedZoneId));
  const pickedIds = useAtlasStore((s) => s.pickedEstateIds);
  const subdistricts = useAtlasStore((s) => s.data?.subdistricts.features);
  const refusal = useRefusal('zones.write');
  // The other writes wait while the boundary is drawn: Save or Cancel it first.
  const drawingBoundary = useZoneBoundaryStore((s) => s.edit !== null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const detail = useZoneDetail(zoneId, zone?.properties.version ?? null);
  if (!zone) return null;
  const p = zone.properties;

  const write = async (patch: Parameters<typeof patchZoneAndStore>[1], done: string) => {
    setBusy(true);
    const result = await patchZoneAndStore(zone, patch, language);
    setBusy(false);
    if (result.ok) void message.success(done);
    else void message.error(result.code === 'zone_version_conflict' ? `${result.message} ${t('zones.conflict')}` : result.message);
    return result.ok;
  };
  const members = new Set(p.estateIds);
  const toAdd = pickedIds.filter((id) => !members.has(id));
  const toRemove = pickedIds.filter((id) => members.has(id));
  const disabled = busy || refusal !== null || drawingBoundary;
  const subdistrictName = subdistricts?.find((s) => s.properties.code === p.subdistrictCode)?.properties.name ?? null;

  return (
    <div data-testid="zone-panel">
      <Button type="link" size="small" className="atlas-zone-back" onClick={() => useAtlasStore.getState().showZonePanel('list')}>
        {t('zones.panel.back')}
      </Button>
      {renaming === null ? (
        <h3 className="atlas-zone-name" data-testid="zone-panel-name">
          {p.name}
          <Tooltip title={refusal}>
            <Button type="link" size="small" disabled={disabled} onClick={() => setRenaming(p.name)} data-testid="zone-rename">
              {t('zones.panel.rename')}
            </Button>
          </Tooltip>
        </h3>
      ) : (
        <Space.Compact className="atlas-full-width">
          <Input value={renaming} onChange={(e) => setRenaming(e.target.value)} data-testid="zone-rename-input" maxLength={60} />
          <Button
            type="primary"
            loading={busy}
            disabled={renaming.trim() === ''}
            onClick={() => void write({ name: renaming.trim() }, t('zones.panel.renamed')).then((ok) => ok && setRenaming(null))}
            data-testid="zone-rename-save"
          >
            {t('zones.panel.ok')}
          </Button>
          <Button onClick={() => setRenaming(null)}>{t('zones.panel.cancel')}</Button>
        </Space.Compact>
      )}
      <ZoneTotals totals={p.totals} language={language} testId="zone-totals" />
      <Descriptions
        column={1}
        size="small"
        bordered
        className="atlas-descriptions"
        items={[
          {
            key: 'boundary',
            label: t('zones.panel.boundary'),
            children: (
              <span data-testid="zone-boundary">
                {t(p.boundary === 'drawn' ? 'zones.panel.boundaryDrawn' : 'zones.panel.boundaryComputed')}
              </span>
            ),
          },
          { key: 'area', label: t('zones.panel.outlineArea'), children: `${formatNumber(p.outlineAreaM2, language)} m²` },
          ...(subdistrictName ? [{ key: 'subdistrict', label: t('zones.panel.subdistrict'), children: subdistrictName }] : []),
          ...(p.splitReason ? [{ key: 'split', label: t('zones.panel.splitReason'), children: p.splitReason }] : []),
          ...(p.note ? [{ key: 'note', label: t('zones.panel.note'), children: p.note }] : []),
          { key: 'version', label: t('zones.panel.version'), children: String(p.version) },
        ]}
      />
      <ZoneBoundaryControls zone={zone} language={language} refusal={refusal} />
      <div className="atlas-selection-actions atlas-zone-actions">
        <Tooltip title={refusal}>
          <span>
            <Button
              size="small"
              disabled={disabled || toAdd.length === 0}
              onClick={() => void write({ estateIds: [...p.estateIds, ...toAdd] }, t('zones.panel.updated'))}
              data-testid="zone-add-picked"
            >
              {t('zones.panel.addPicked', { count: toAdd.length })}
            </Button>
          </span>
        </Tooltip>
        <Tooltip title={refusal}>
          <span>
            <Button
              size="small"
              disabled={disabled || toRemove.length === 0}
              onClick={() => void write({ estateIds: p.estateIds.filter((id) => !toRemove.includes(id)) }, t('zones.panel.updated'))}
              data-testid="zone-remove-picked"
            >
              {t('zones.panel.removePicked', { count: toRemove.length })}
            </Button>
          </span>
        </Tooltip>
        <Popconfirm
          title={t('zones.panel.deleteConfirm', { name: p.name })}
          okText={t('zones.panel.ok')}
          cancelText={t('zones.panel.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'zone-delete-ok' }}
          disabled={disabled}
          onConfirm={async () => {
            setBusy(true);
            const result = await deleteZoneAndForget(zone, language);
            setBusy(false);
            if (result.ok) void message.success(t('zones.panel.deleted', { name: p.name }));
            else void message.error(result.message);
          }}
        >
          <Tooltip title={refusal}>
            <span>
              <Button size="small" danger disabled={disabled} data-testid="zone-delete">
                {t('zones.panel.delete')}
              </Button>
            </span>
          </Tooltip>
        </Popconfirm>
      </div>
      <ZoneCoverageSection zoneId={zone.id} estateIds={p.estateIds} />
      <ZoneProgrammeSection zoneId={zone.id} estateIds={p.estateIds} />
      <ZoneDetailLists zone={zone} detail={detail} language={language} />
    </div>
  );
}
