/** Time replay: a date slider from the first progress entry to today, a play button stepping half months, and back to live. */
import { Button, Slider } from 'antd';
import { useEffect, useState, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDate, type IsoDate } from '../../../../core/programme/progress-history';
import { useAtlasStore } from '../../state/atlas-store';

const DAY_MS = 86_400_000;
/** One play step: half a month, the reporting period of seed 001. */
const PLAY_STEP_DAYS = 15;
const PLAY_INTERVAL_MS = 900;

const dayNumber = (date: IsoDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Memoised: it reads the store itself, so the drawer's loading mark does not re-render it. */
export const ReplayBar = memo(function ReplayBar() {
  const { t } = useTranslation();
  const replayDate = useAtlasStore((s) => s.replayDate);
  const setReplayDate = useAtlasStore((s) => s.setReplayDate);
  const historyFrom = useAtlasStore((s) => s.dashboard?.historyFrom ?? null);
  const [playing, setPlaying] = useState(false);
  const today = calendarDate(new Date());
  const first = dayNumber(historyFrom ?? today);
  const last = dayNumber(today);
  const shown = replayDate ?? today;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const current = useAtlasStore.getState().replayDate;
      const next = current === null ? first : dayNumber(current) + PLAY_STEP_DAYS;
      if (next >= last) {
        setReplayDate(null);
        setPlaying(false);
      } else setReplayDate(dateOf(next));
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, first, last, setReplayDate]);

  return (
    <div className="programme-replay" data-testid="replay-bar">
      <Button
        size="small"
        onClick={() => {
          if (!playing && replayDate === null) setReplayDate(dateOf(first));
          setPlaying(!playing);
        }}
        data-testid="replay-play"
        aria-pressed={playing}
      >
        {playing ? t('programme.replay.pause') : t('programme.replay.play')}
      </Button>
      <Slider
        className="programme-replay-slider"
        min={first}
        max={last}
        value={dayNumber(shown)}
        tooltip={{ formatter: (day) => (day === undefined ? '' : dateOf(day)) }}
        onChange={(day: number) => setReplayDate(day >= last ? null : dateOf(day))}
        aria-label={t('programme.replay.label')}
        data-testid="replay-slider"
      />
      <span className="programme-replay-date" data-testid="replay-date">
        {replayDate === null ? t('programme.replay.today', { date: today }) : replayDate}
      </span>
      {replayDate !== null ? (
        <Button size="small" type="link" onClick={() => setReplayDate(null)} data-testid="replay-live">
          {t('programme.replay.live')}
        </Button>
      ) : null}
    </div>
  );
});
