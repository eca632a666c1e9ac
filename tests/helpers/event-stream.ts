/** Reads GET /api/events as a client does: the `programme` changes it announces, in order. */
import type { ProgrammeChange } from '../../core/contract/index.js';

export interface ChangeStream {
  /** The answer's Content-Type. */
  contentType: string | null;
  /** The changes announced so far. */
  changes(): ProgrammeChange[];
  /** Reads until `count` changes have come (or 15 s have passed) and returns them. */
  waitFor(count: number): Promise<ProgrammeChange[]>;
  close(): void;
}

/** Opens the stream and waits until its LISTEN is in place, so that the next write's change arrives. */
export async function openChangeStream(url: string, headers: Record<string, string>): Promise<ChangeStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const changes = () => [...text.matchAll(/event: programme\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1]!) as ProgrammeChange);
  const readUntil = async (done: () => boolean): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!done() && Date.now() < deadline) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value);
    }
  };
  await readUntil(() => text.includes('event: ready'));
  // The LISTEN opens with the first stream: give it a moment to be in place.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    contentType: response.headers.get('content-type'),
    changes,
    waitFor: async (count) => {
      await readUntil(() => changes().length >= count);
      return changes();
    },
    close: () => controller.abort(),
  };
}
