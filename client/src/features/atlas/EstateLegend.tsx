/** Legend of the current estate colouring: categories as swatches, ramps as a gradient bar. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { rgbToCss } from '../../map/colours';
import { FILTERED_OUT_COLOUR } from '../../map/estate-colours';
import { useEstateColouring } from './use-estate-colouring';
import { useAtlasStore } from '../../state/atlas-store';
import { hasActiveFilter } from '../../state/atlas-filter';

export function EstateLegend() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const filtered = useAtlasStore((s) => hasActiveFilter(s.filter));
  const colouring = useEstateColouring();
  if (!colouring) return null;
  const { legend } = colouring;

  return (
    <div className="atlas-legend" data-testid="estate-legend" aria-label={t('legend.estates')}>
      {legend.kind === 'categories' ? (
        <ul className="atlas-legend-list">
          {legend.items.map((item) => (
            <li key={item.key} className="atlas-legend-item" data-testid={`estate-legend-${item.key}`}>
              <span className="atlas-swatch" style={{ background: rgbToCss(item.colour) }} />
              <span className="atlas-legend-label">{'i18nKey' in item.label ? t(item.label.i18nKey) : item.label.text}</span>
            </li>
          ))}
        </ul>
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
