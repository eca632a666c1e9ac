/** The estate's renovation progress in its panel: current stage, history (corrections marked) and, for planners, the entry form. */
import { Button, Progress, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEntryAnswer } from '../../../../core/contract/index';
import { prefersLightText } from '../../../../core/colour';
import { DEFAULT_STAGE, STARTED_STAGE } from '../../../../core/programme/stages';
import { fetchProgress } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { ProgressForm } from './ProgressForm';
import { ProjectFunding } from './ProjectFunding';
import { ProjectItems } from './ProjectItems';
import './programme.css';

/** The newest entries shown; the period report and the API list all. */
const SHOWN_ENTRIES = 8;

export function ProgressSection({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const programme = useAtlasStore((s) => s.programmeByEstate.get(estateId));
  const revision = useAtlasStore((s) => s.programmeRevision);
  const canRecord = useCan('progress.write');
  const [history, setHistory] = useState<ProgressEntryAnswer[] | null>(null);
  const [form, setForm] = useState<{ correcting: ProgressEntryAnswer | null } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchProgress(estateId, controller.signal)
      .then(setHistory)
      .catch(() => setHistory(null));
    return () => controller.abort();
  }, [estateId, revision]);

  const stage = programme?.stage ?? DEFAULT_STAGE;
  const definition = catalogue.definition(stage);
  const corrected = new Set((history ?? []).map((e) => e.corrects).filter((id): id is number => id !== null));
  const newest = [...(history ?? [])].reverse().slice(0, SHOWN_ENTRIES);

  return (
    <section className="programme-progress" data-testid="progress-section">
      <div className="programme-progress-head">
        <Tag color={definition.colour} className="programme-stage-tag" data-testid="progress-stage-tag">
          <span className={prefersLightText(definition.colour) ? '' : 'programme-tag-dark'}>{definition.label[language]}</span>
        </Tag>
        {stage === STARTED_STAGE ? (
          <Progress
            percent={Math.round(programme?.progressPct ?? 0)}
            size="small"
            className="programme-progress-bar"
            data-testid="progress-pct-bar"
          />
        ) : null}
        {programme?.since ? <span className="programme-note">{t('programme.progress.since', { date: programme.since })}</span> : null}
      </div>
      {canRecord && !form ? (
        <Button size="small" onClick={() => setForm({ correcting: null })} data-testid="progress-record">
          {t('programme.progress.record')}
        </Button>
      ) : null}
      {form ? (
        <ProgressForm
          key={form.correcting?.id ?? 'new'}
          project={{ estateId }}
          current={{ stage, progressPct: programme?.progressPct ?? 0 }}
          correcting={form.correcting}
          onDone={() => setForm(null)}
        />
      ) : null}
      {newest.length > 0 ? (
        <ul className="programme-history" data-testid="progress-history">
          {newest.map((entry) => (
            <li key={entry.id} className={corrected.has(entry.id) ? 'programme-history-corrected' : undefined}>
              <span className="programme-history-date">{entry.date}</span> {catalogue.label(entry.stage, language)}
              {entry.stage === STARTED_STAGE ? ` ${entry.progressPct}%` : ''}
              {entry.note ? <span className="programme-note"> · {entry.note}</span> : null}
              <span className="programme-note"> · {entry.authorName}</span>
              {canRecord && !corrected.has(entry.id) && entry.corrects === null ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setForm({ correcting: entry })}
                  data-testid={`progress-correct-${entry.id}`}
                >
                  {t('programme.progress.correct')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ProjectItems project={{ estateId }} />
      <ProjectFunding project={{ estateId }} />
    </section>
  );
}
