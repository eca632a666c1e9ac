/**
 * Accepting suggested zones one POST at a time: each gets a free name from its members'
 * sub-district, progress is reported after each, and a refused one is recorded while the rest go on.
 */
import type { ZoneSuggestion } from '../../api';

export interface AcceptFailure {
  name: string;
  message: string;
}

export interface AcceptReport {
  created: number;
  failures: AcceptFailure[];
}

export interface AcceptSteps {
  /** A name for the suggestion, given the names taken so far (existing zones and those just created). */
  nameFor(suggestion: ZoneSuggestion, taken: ReadonlySet<string>): string;
  /** Creates the zone; a refusal comes back as its message in the UI language. */
  create(name: string, suggestion: ZoneSuggestion): Promise<{ ok: true } | { ok: false; message: string }>;
  onProgress?(done: number, total: number): void;
}

/**
 * @example await acceptSuggestions([a, b], ['水上街道片区1'], steps) // { created: 2, failures: [] }
 */
export async function acceptSuggestions(
  suggestions: readonly ZoneSuggestion[],
  takenNames: Iterable<string>,
  steps: AcceptSteps,
): Promise<AcceptReport> {
  const taken = new Set(takenNames);
  const report: AcceptReport = { created: 0, failures: [] };
  let done = 0;
  steps.onProgress?.(0, suggestions.length);
  for (const suggestion of suggestions) {
    const name = steps.nameFor(suggestion, taken);
    taken.add(name);
    const result = await steps.create(name, suggestion);
    if (result.ok) report.created += 1;
    else report.failures.push({ name, message: result.message });
    done += 1;
    steps.onProgress?.(done, suggestions.length);
  }
  return report;
}
