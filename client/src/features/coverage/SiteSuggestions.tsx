/**
 * Where to add a facility: up to K sites for one more facility of a type, each reaching the most
 * households not yet reached (the server's greedy maximal covering), listed with what each adds;
 * a designer can try them all on the map as what-if facilities.
 */
import { Button, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteAnswer } from '../../../../core/contract/coverage';
import { isFacilityTypeId, type FacilityTypeId } from '../../../../core/facility-catalogue';
import { FacilityTypeSelect } from '../facilities/FacilityTypeSelect';
import { ApiError, fetchSiteSuggestions } from '../../api';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';

/** A handful to compare; the API takes up to 20. */
const MAX_K = 10;

export function SiteSuggestions() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const reachTypeId = useAtlasStore((s) => s.reachTypeId);
  const canRun = useCan('analysis.run');
  const [type, setType] = useState<FacilityTypeId>(reachTypeId);
  const [k, setK] = useState(3);
  const [answer, setAnswer] = useState<SiteAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canRun) return null;

  const suggest = async () => {
    const { coverage, includePlanned } = useAtlasStore.getState();
    setBusy(true);
    setError(null);
    try {
      setAnswer(await fetchSiteSuggestions({ type, k, model: coverage.model, includePlanned }));
    } catch (failure) {
      setAnswer(null);
      setError(failure instanceof ApiError ? failure.messageIn(language) : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const tryOnMap = (sites: SiteAnswer['sites'], siteType: FacilityTypeId) => {
    const store = useAtlasStore.getState();
    store.addVirtualFacilities(sites.map((site) => ({ type: siteType, lng: site.lng, lat: site.lat })));
    store.requestFlyToFeatures(
      sites.map((site) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [site.lng, site.lat] }, properties: {} })),
    );
  };

  return (
    <div className="coverage-sites" data-testid="site-suggestions">
      <div className="coverage-tier-title">{t('coverage.sites.title')}</div>
      <div className="coverage-sites-form">
        <FacilityTypeSelect
          value={type}
          onChange={setType}
          testId="sites-type"
          ariaLabel={t('coverage.whatIf.type')}
          className="coverage-sites-type"
        />
        <InputNumber<number>
          size="small"
          min={1}
          max={MAX_K}
          value={k}
          onChange={(value) => setK(value ?? 1)}
          aria-label={t('coverage.sites.k')}
          data-testid="sites-k"
          className="coverage-sites-k"
        />
        <Button size="small" type="primary" loading={busy} data-testid="sites-run" onClick={() => void suggest()}>
          {t('coverage.sites.run')}
        </Button>
      </div>
      {error ? <div className="facility-error">{error}</div> : null}
      {answer ? (
        <>
          <div className="coverage-origin" data-testid="sites-summary">
            {t('coverage.sites.summary', {
              covered: formatNumber(answer.coveredHouseholds, language),
              households: formatNumber(answer.households, language),
              candidates: formatNumber(answer.candidates, language),
            })}
          </div>
          <ol className="coverage-sites-list" data-testid="sites-list">
            {answer.sites.map((site, i) => (
              <li key={`${site.lng},${site.lat}`} data-testid={`site-${i}`}>
                {t('coverage.sites.pick', {
                  households: formatNumber(site.households, language),
                  estates: formatNumber(site.estateIds.length, language),
                })}
              </li>
            ))}
          </ol>
          {answer.sites.length === 0 ? <div className="coverage-origin">{t('coverage.sites.none')}</div> : null}
          {answer.sites.length > 0 ? (
            <Button
              size="small"
              data-testid="sites-try"
              onClick={() => tryOnMap(answer.sites, isFacilityTypeId(answer.type) ? answer.type : type)}
            >
              {t('coverage.sites.try')}
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
