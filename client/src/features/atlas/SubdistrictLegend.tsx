/** Legend of the sub-district colouring: the sub-districts in view, nearest the centre first, and how many more. */
import { useTranslation } from 'react-i18next';
import { rgbToCss } from '../../../../core/colour';
import { subdistrictColour } from '../../map/estate-colours';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useSubdistrictsInView } from './use-subdistricts-in-view';

export function SubdistrictLegend() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const { nearest, count } = useSubdistrictsInView();
  return (
    <ul className="atlas-legend-list" data-testid="estate-legend-subdistricts">
      {nearest.map((s) => (
        <li key={s.code} className="atlas-legend-item" data-testid={`estate-legend-${s.code}`}>
          <span className="atlas-swatch" style={{ background: rgbToCss(subdistrictColour(s.code)) }} />
          <span className="atlas-legend-label atlas-legend-label-wrap">{s.name}</span>
        </li>
      ))}
      <li className="atlas-legend-item atlas-legend-note" data-testid="estate-legend-subdistricts-count">
        {count === 0
          ? t('legend.subdistrictsNone')
          : count > nearest.length
            ? t('legend.subdistrictsMore', { n: formatNumber(count - nearest.length, language) })
            : t('legend.subdistrictsAll')}
      </li>
    </ul>
  );
}
