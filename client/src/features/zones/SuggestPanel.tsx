/**
 * Suggested zones for the whole city: the parameters (defaults: the city's rules from
 * GET /api/config), the suggestions as they redraw, and accepting one, several or all.
 */
import { Alert, Form, InputNumber, Spin, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ZONE_RULES, ZONE_GAP_BOUNDS_M } from '../../../../core/zones/zone-rules';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { SuggestionList } from './SuggestionList';
import { suggestBodyOf, type SuggestParams as Params } from './suggest-params';
import { useZoneSuggestions } from './use-zone-suggestions';

export function SuggestPanel() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const rules = useAtlasStore((s) => s.data?.config.zoneRules) ?? DEFAULT_ZONE_RULES;
  const [params, setParams] = useState<Params>(() => ({ ...rules, includeNonEligible: false }));
  // Any zone written (here, in the create dialog or the zone panel) takes its estates out of the suggestions: ask again.
  const revision = useAtlasStore((s) => (s.zones ?? []).map((z) => `${z.id}@${z.properties.version}`).join(','));
  const body = useMemo(() => suggestBodyOf(params), [params]);
  const state = useZoneSuggestions(body, revision);
  const shown = state.status === 'ready' ? state.answer : state.status === 'loading' ? state.previous : null;
  const set = (patch: Partial<Params>) => setParams((p) => ({ ...p, ...patch }));
  const cap = (value: number | null) => (value === null ? t('zones.suggest.noCapRule') : formatNumber(value, language));

  return (
    <div data-testid="suggest-panel">
      <div className="atlas-secondary atlas-zone-rules" data-testid="suggest-rules">
        {t('zones.suggest.rules', {
          gap: formatNumber(rules.gapM, language),
          households: cap(rules.maxHouseholds),
          estates: cap(rules.maxEstates),
          same: t(rules.sameSubdistrict ? 'zones.suggest.sameYes' : 'zones.suggest.sameNo'),
        })}
      </div>
      <Form layout="horizontal" labelCol={{ flex: '180px' }} labelWrap className="atlas-suggest-form" colon={false}>
        <Form.Item label={t('zones.suggest.gap')}>
          <InputNumber
            min={ZONE_GAP_BOUNDS_M.min}
            max={ZONE_GAP_BOUNDS_M.max}
            value={params.gapM}
            onChange={(gapM) => set({ gapM })}
            suffix={t('zones.suggest.gapUnit')}
            data-testid="suggest-gap"
          />
        </Form.Item>
        <Form.Item label={t('zones.suggest.maxHouseholds')}>
          <InputNumber
            min={1}
            value={params.maxHouseholds}
            placeholder={t('zones.suggest.noCap')}
            onChange={(maxHouseholds) => set({ maxHouseholds })}
            data-testid="suggest-max-households"
          />
        </Form.Item>
        <Form.Item label={t('zones.suggest.maxEstates')}>
          <InputNumber
            min={2}
            value={params.maxEstates}
            placeholder={t('zones.suggest.noCap')}
            onChange={(maxEstates) => set({ maxEstates })}
            data-testid="suggest-max-estates"
          />
        </Form.Item>
        <Form.Item label={t('zones.suggest.sameSubdistrict')}>
          <Switch
            size="small"
            checked={params.sameSubdistrict}
            onChange={(sameSubdistrict) => set({ sameSubdistrict })}
            data-testid="suggest-same-subdistrict"
          />
        </Form.Item>
        <Form.Item label={t('zones.suggest.includeNonEligible')}>
          <Switch
            size="small"
            checked={params.includeNonEligible}
            onChange={(includeNonEligible) => set({ includeNonEligible })}
            data-testid="suggest-include-non-eligible"
          />
        </Form.Item>
      </Form>
      {state.status === 'loading' ? (
        <div className="atlas-secondary" data-testid="suggest-loading">
          <Spin size="small" /> {t('zones.suggest.loading')}
        </div>
      ) : null}
      {state.status === 'error' ? <Alert type="error" showIcon title={t('zones.suggest.failed')} description={state.message} /> : null}
      {/* One element for both, so the list keeps its checks and the last accept report while it refreshes. */}
      {shown ? <SuggestionList answer={shown} language={language} stale={state.status !== 'ready'} /> : null}
    </div>
  );
}
