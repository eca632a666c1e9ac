/** Legend of the current estate colouring: categories as swatches, ramps as a gradient bar. */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../shared/format';
import { rgbToCss } from '../../../../core/colour';
import { FILTERED_OUT_COLOUR, STARTED_SHARE_RAMP, type EstateLegend as EstateLegendSpec } from '../../map/estate-colours';
import { TILE_LAYERS } from '../../../../core/tiles/tile-layers';
import type { Language } from '../../shared/i18n/languages';
import { useEstateColouring } from './use-estate-colouring';
import { SubdistrictLegend } from './SubdistrictLegend';
import { useAtlasStore } from '../../state/atlas-store';
import { hasActiveFilter } from '../../state/atlas-filter';
import { hasProgrammeFilter } from '../../../../core/programme/programme-filter';

type Label = Extract<EstateLegendSpec, { kind: 'categories' }>['items'][number]['label'];

// i18next's own TFunction: react-i18next's hook type multiplies the instantiations of a large resource (TS2589).
function legendLabel(label: Label, t: TFunction, language: Language): string {
  if ('stage' in label)
    return t('legend.stage', {
      stage: label.stage[language],
      estates: formatNumber(label.estates, language),
      households: formatNumber(label.households, language),
    });
  if (!('params' in label)) return t(label.i18nKey);
  const { range, estates, households } = label.params;
  return t(label.i18nKey, { range, estates: formatNumber(estates, language), households: formatNumber(households, language) });
}

export function EstateLegend() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const filtered = useAtlasStore((s) => hasActiveFilter(s.filter) || hasProgrammeFilter({ ...s.programmeFilter, subdistrictCodes: [] }));
  const colouring = useEstateColouring();
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  const changedCount = useAtlasStore((s) => (s.colourBy === 'stage' ? (s.dashboard?.changes.length ?? 0) : 0));
  if (!colouring) return null;
  const { legend } = colouring;

  return (
    <div className="atlas-legend" data-testid="estate-legend" aria-label={t('legend.estates')}>
      {legend.kind === 'categories' ? (
        <ul className="atlas-legend-list">
          {legend.items.map((item) => (
            <li key={item.key} className="atlas-legend-item" data-testid={`estate-legend-${item.key}`}>
              <span className="atlas-swatch" style={{ background: rgbToCss(item.colour) }} />
              <span className="atlas-legend-label atlas-legend-label-wrap">{legendLabel(item.label, t, language)}</span>
            </li>
          ))}
        </ul>
      ) : legend.kind === 'subdistricts' ? (
        <SubdistrictLegend />
      ) : (
        <div className="atlas-ramp">
          <div
            className="atlas-ramp-bar"
            style={{ background: `linear-gradient(to right, ${legend.stops.map((c) => rgbToCss(c)).join(', ')})` }}
          />
          <div className="atlas-ramp-labels">
            <span>
              {legend.attribute === 'yearBuilt' ? legend.min : formatNumber(legend.min, language)}
              <small>{t(legend.attribute === 'yearBuilt' ? 'legend.older' : 'legend.fewer')}</small>
            </span>
            <span className="atlas-ramp-right">
              {legend.attribute === 'yearBuilt' ? legend.max : formatNumber(legend.max, language)}
              <small>{t(legend.attribute === 'yearBuilt' ? 'legend.newer' : 'legend.more')}</small>
            </span>
          </div>
        </div>
      )}
      {changedCount > 0 ? (
        <ul className="atlas-legend-list">
          <li className="atlas-legend-item" data-testid="estate-legend-changed">
            <span className="atlas-swatch atlas-swatch-changed" />
            <span className="atlas-legend-label atlas-legend-label-wrap">{t('legend.changed', { n: changedCount })}</span>
          </li>
        </ul>
      ) : null}
      {tiled ? (
        <div className="atlas-ramp" data-testid="estate-legend-started-share">
          <div className="atlas-legend-label atlas-legend-label-wrap">
            {t('legend.startedShare', { zoom: TILE_LAYERS.estates.minZoom })}
          </div>
          <div
            className="atlas-ramp-bar"
            style={{ background: `linear-gradient(to right, ${STARTED_SHARE_RAMP.map((c) => rgbToCss(c)).join(', ')})` }}
          />
          <div className="atlas-ramp-labels">
            <span>0%</span>
            <span className="atlas-ramp-right">100%</span>
          </div>
        </div>
      ) : null}
      {filtered ? (
        <ul className="atlas-legend-list">
          <li className="atlas-legend-item">
            <span
              className="atlas-swatch"
              style={{ background: rgbToCss([FILTERED_OUT_COLOUR[0], FILTERED_OUT_COLOUR[1], FILTERED_OUT_COLOUR[2]], 0.5) }}
            />
            <span className="atlas-legend-label">{t('legend.outsideFilter')}</span>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
