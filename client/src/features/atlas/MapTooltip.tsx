/** Hover card: an estate's name, households and floor area, or a facility's name and type. */
import { useTranslation } from 'react-i18next';
import { UNKNOWN_VALUE } from '../../shared/ledger-format';
import { formatNumber } from '../../shared/format';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import type { MapTarget } from '../../map/map-types';
import type { AtlasData } from '../../state/data-slice';
import { useAtlasStore } from '../../state/atlas-store';

const OFFSET_PX = 14;

interface MapTooltipProps {
  target: MapTarget;
  /** Pointer position inside the map container. */
  x: number;
  y: number;
  containerWidth: number;
  containerHeight: number;
  data: AtlasData;
}

export function MapTooltip({ target, x, y, containerWidth, containerHeight, data }: MapTooltipProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const zones = useAtlasStore((s) => s.zones);

  let body: React.ReactNode;
  if (target.kind === 'estate') {
    // An estate the browser does not hold (a tiled city) is described by its tile.
    const p = data.estates.features.find((f) => f.id === target.id)?.properties ?? target.summary;
    if (!p) return null;
    body = (
      <>
        <div className="atlas-tooltip-title">{p.name}</div>
        <div className="atlas-tooltip-row">
          <span>{t('tooltip.households')}</span>
          <span>
            {p.households === null
              ? UNKNOWN_VALUE
              : t('units.households', { count: p.households, value: formatNumber(p.households, language) })}
          </span>
        </div>
        <div className="atlas-tooltip-row">
          <span>{t('tooltip.floorArea')}</span>
          <span>{p.floorAreaM2 === null ? UNKNOWN_VALUE : t('units.m2', { value: formatNumber(p.floorAreaM2, language) })}</span>
        </div>
      </>
    );
  } else if (target.kind === 'zone') {
    const zone = zones?.find((z) => z.id === target.id);
    if (!zone) return null;
    const totals = zone.properties.totals;
    body = (
      <>
        <div className="atlas-tooltip-title">{t('zones.tooltipTitle', { name: zone.properties.name })}</div>
        <div className="atlas-tooltip-row">
          <span>{t('summary.estates')}</span>
          <span>{formatNumber(totals.estates, language)}</span>
        </div>
        <div className="atlas-tooltip-row">
          <span>{t('tooltip.households')}</span>
          <span>{t('units.households', { count: totals.households, value: formatNumber(totals.households, language) })}</span>
        </div>
      </>
    );
  } else {
    const facility = data.facilities.features[target.index];
    if (!facility) return null;
    body = (
      <>
        <div className="atlas-tooltip-title">{facility.properties.name}</div>
        <div className="atlas-tooltip-row">
          <span>{t('tooltip.facilityType')}</span>
          <span>{facilityTypeName(facility.properties.type, language)}</span>
        </div>
      </>
    );
  }
  // Flip to the left/top near the right/bottom edge so the card stays inside the map.
  const flipX = x > containerWidth - 260;
  const flipY = y > containerHeight - 120;
  const style: React.CSSProperties = {
    left: x + OFFSET_PX,
    top: y + OFFSET_PX,
    transform: `translate(${flipX ? `calc(-100% - ${2 * OFFSET_PX}px)` : '0'}, ${flipY ? `calc(-100% - ${2 * OFFSET_PX}px)` : '0'})`,
  };
  return (
    <div className="atlas-tooltip" style={style} data-testid="map-tooltip" role="tooltip">
      {body}
    </div>
  );
}
