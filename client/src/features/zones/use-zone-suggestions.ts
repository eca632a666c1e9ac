/**
 * Suggestions for the parameters shown: asked ~300 ms after the last change, the previous request
 * aborted, so typing in a field neither floods the server nor freezes the page. The answer goes to
 * the store (the map draws it) and back to the panel.
 */
import { useEffect, useState } from 'react';
import { suggestZones, type ZoneSuggestAnswer, type ZoneSuggestBody } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { zoneErrorText } from './zone-writes';

/** Wait after the last parameter change before asking. */
export const SUGGEST_DEBOUNCE_MS = 300;

export type SuggestState =
  /** `previous`: the last answer, shown (not acted on) until the new one arrives, so the list does not flicker. */
  | { status: 'loading'; previous: ZoneSuggestAnswer | null }
  | { status: 'ready'; answer: ZoneSuggestAnswer }
  | { status: 'error'; message: string };

/** A new `revision` (the zones changed) asks again with the same parameters. */
export function useZoneSuggestions(body: ZoneSuggestBody | null, revision: string): SuggestState {
  const bodyKey = body ? JSON.stringify(body) : '';
  // An answer for other parameters (or an earlier revision) is stale: the panel shows "loading" meanwhile.
  const key = `${bodyKey}#${revision}`;
  const [answer, setAnswer] = useState<{ key: string; state: SuggestState } | null>(null);
  useEffect(() => {
    if (!bodyKey) return;
    const request = JSON.parse(bodyKey) as ZoneSuggestBody;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      suggestZones(request, controller.signal).then(
        (result) => {
          setAnswer({ key, state: { status: 'ready', answer: result } });
          useAtlasStore.getState().setSuggestions(result.suggestions);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setAnswer({ key, state: { status: 'error', message: zoneErrorText(error, useAtlasStore.getState().language) } });
          useAtlasStore.getState().setSuggestions([]);
        },
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [bodyKey, key]);
  if (answer?.key === key) return answer.state;
  return { status: 'loading', previous: answer?.state.status === 'ready' ? answer.state.answer : null };
}
