/** The suggestions with their totals: pointing at one emphasises it on the map; accept one, the checked or all, or edit one first. */
import { Alert, App as AntApp, Button, Checkbox, List, Progress, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZoneSuggestAnswer, ZoneSuggestion } from '../../api';
import { formatNumber } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';
import { useAtlasStore } from '../../state/atlas-store';
import { useRefusal } from '../../state/use-can';
import { acceptSuggestions, type AcceptReport } from './accept-suggestions';
import { commonSubdistrictCode, majoritySubdistrict, nextZoneName } from './zone-naming';
import { useZoneFormStore } from './zone-form-store';
import { ZONE_DRAWER_WIDTH_PX } from './zone-layout';
import { createZoneAndStore } from './zone-writes';

interface Props {
  answer: ZoneSuggestAnswer;
  language: Language;
  /** The answer of earlier parameters, shown while the new one is computed: nothing can be accepted from it. */
  stale: boolean;
}

export function SuggestionList({ answer, language, stale }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const refusal = useRefusal('zones.write');
  const data = useAtlasStore((s) => s.data);
  const zones = useAtlasStore((s) => s.zones);
  const focusSuggestion = useAtlasStore((s) => s.focusSuggestion);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<AcceptReport | null>(null);
  const byId = useMemo(() => new Map((data?.estates.features ?? []).map((f) => [f.id, f.properties])), [data]);
  const subdistricts = useMemo(() => (data?.subdistricts.features ?? []).map((f) => f.properties), [data]);
  const placesOf = (s: ZoneSuggestion) => s.estateIds.map((id) => byId.get(id) ?? { subdistrict: null });
  const n = (value: number) => formatNumber(value, language);

  const accept = async (indexes: readonly number[]) => {
    const chosen = indexes.map((i) => answer.suggestions[i]).filter((s): s is ZoneSuggestion => s !== undefined);
    setReport(null);
    const result = await acceptSuggestions(
      chosen,
      (zones ?? []).map((z) => z.properties.name),
      {
        nameFor: (s, taken) => nextZoneName(majoritySubdistrict(placesOf(s)), language, taken),
        create: async (name, s) => {
          const written = await createZoneAndStore(
            { name, estateIds: s.estateIds, subdistrictCode: commonSubdistrictCode(placesOf(s), subdistricts) },
            language,
          );
          return written.ok ? { ok: true } : { ok: false, message: written.message };
        },
        onProgress: (done, total) => setProgress({ done, total }),
      },
    );
    setProgress(null);
    setReport(result);
    setChecked(new Set());
    if (result.failures.length === 0) void message.success(t('zones.suggest.acceptedAll', { count: result.created }));
  };

  const busy = progress !== null;
  const disabled = busy || stale || refusal !== null;
  const all = answer.suggestions.map((_s, i) => i);
  return (
    <div data-testid="suggestions" onMouseLeave={() => focusSuggestion(null)}>
      <div className="atlas-zone-section-title" data-testid="suggest-result">
        {t('zones.suggest.result', { count: answer.suggestions.length, considered: n(answer.consideredEstates) })}
      </div>
      {progress ? (
        <div data-testid="suggest-progress">
          {t('zones.suggest.progress', progress)}
          <Progress percent={Math.round((100 * progress.done) / Math.max(1, progress.total))} size="small" />
        </div>
      ) : null}
      {report && report.failures.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="suggest-report"
          title={t('zones.suggest.acceptedSome', { done: report.created, failed: report.failures.length })}
          description={report.failures.map((f) => (
            <div key={f.name}>{t('zones.suggest.failedItem', { name: f.name, reason: f.message })}</div>
          ))}
        />
      ) : null}
      <div className="atlas-selection-actions">
        <Tooltip title={refusal}>
          <span>
            <Button
              size="small"
              disabled={disabled || checked.size === 0}
              onClick={() => void accept([...checked])}
              data-testid="suggest-accept-checked"
            >
              {t('zones.suggest.acceptChecked', { count: checked.size })}
            </Button>
          </span>
        </Tooltip>
        <Tooltip title={refusal}>
          <span>
            <Button
              size="small"
              type="primary"
              disabled={disabled || all.length === 0}
              onClick={() => void accept(all)}
              data-testid="suggest-accept-all"
            >
              {t('zones.suggest.acceptAll', { count: all.length })}
            </Button>
          </span>
        </Tooltip>
      </div>
      <List
        size="small"
        dataSource={answer.suggestions.map((s, index) => ({ s, index }))}
        locale={{ emptyText: t('zones.suggest.none') }}
        renderItem={({ s, index }) => (
          <List.Item data-testid={`suggestion-${index}`} onMouseEnter={() => focusSuggestion(index)}>
            <div className="atlas-suggest-row">
              <Checkbox
                checked={checked.has(index)}
                disabled={disabled}
                onChange={(e) => {
                  const next = new Set(checked);
                  if (e.target.checked) next.add(index);
                  else next.delete(index);
                  setChecked(next);
                }}
                data-testid={`suggestion-check-${index}`}
              />
              <div className="atlas-suggest-row-body">
                <div className="atlas-suggest-row-title">
                  <span
                    className="atlas-zone-list-item"
                    onClick={() =>
                      useAtlasStore
                        .getState()
                        .requestFlyToFeatures([{ type: 'Feature', geometry: s.outline, properties: {} }], ZONE_DRAWER_WIDTH_PX)
                    }
                  >
                    {[t('zones.suggest.item', { n: index + 1 }), majoritySubdistrict(placesOf(s))].filter(Boolean).join(' · ')}
                  </span>
                  <span className="atlas-suggest-row-actions">
                    <Button
                      size="small"
                      type="link"
                      disabled={disabled}
                      onClick={() => void accept([index])}
                      data-testid={`suggestion-accept-${index}`}
                    >
                      {t('zones.suggest.accept')}
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      disabled={disabled}
                      onClick={() => {
                        useAtlasStore.getState().pickEstates(s.estateIds, 'replace');
                        useZoneFormStore.getState().openDraft({ estateIds: s.estateIds, fromSuggestion: true });
                      }}
                      data-testid={`suggestion-edit-${index}`}
                    >
                      {t('zones.suggest.edit')}
                    </Button>
                  </span>
                </div>
                <div className="atlas-secondary">
                  {t('zones.suggest.itemSummary', {
                    estates: n(s.totals.estates),
                    households: n(s.totals.households),
                    area: n(s.totals.landAreaM2),
                  })}
                </div>
              </div>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
