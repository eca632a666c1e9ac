/**
 * Live programme changes for the dashboard (GET /api/events, server-sent events). A write sends
 * `pg_notify` in its own transaction, so PostgreSQL delivers it only on commit and to the LISTEN
 * of every app instance, not only the one that took the write; each instance relays it to its
 * open event streams.
 */
import type { ProgrammeChange } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import type { Db, Queryable } from '../../db/index.js';

export const PROGRAMME_CHANNEL = 'programme_changes';
/** A comment line now and then keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000;

/** PostgreSQL refuses a notification payload of 8 000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

/**
 * The notification's payload: the change, or, when it names more estates than a notification
 * carries (a zone of 2 000 members), the change naming none, which a client reads as "any may have
 * changed" — a write must not fail for the size of its announcement.
 */
export function changePayload(change: ProgrammeChange): string {
  const payload = JSON.stringify(change);
  return Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES ? payload : JSON.stringify({ ...change, estateIds: [] });
}

/**
 * Announces a change from inside the writing transaction (delivered on commit, dropped on rollback),
 * naming the browser tab that wrote it when it said which it is.
 */
export async function notifyProgrammeChange(tx: Queryable, change: ProgrammeChange, by: Pick<ServiceContext, 'clientId'>): Promise<void> {
  const announced = by.clientId === null ? change : { ...change, origin: by.clientId };
  await tx.query('SELECT pg_notify($1, $2)', [PROGRAMME_CHANNEL, changePayload(announced)]);
}

/** An open server-sent-events response, as the route hands it over (the service knows no HTTP). */
export interface EventStream {
  write(chunk: string): void;
  onClose(listener: () => void): void;
}

/** The event streams open on this instance, fed by one LISTEN. */
export class ProgrammeEventHub {
  private readonly streams = new Set<EventStream>();
  private listening: Promise<() => Promise<void>> | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /** Feeds a stream until the client goes away. */
  open(stream: EventStream): void {
    // The client reloads its figures on `ready`: it may have missed changes while disconnected.
    stream.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
    this.listening ??= this.db
      .listen(PROGRAMME_CHANNEL, (payload) => this.broadcast(payload))
      .catch(() => {
        this.listening = null;
        return async () => undefined;
      });
    this.keepAlive ??= setInterval(() => {
      for (const stream of this.streams) stream.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS).unref();
  }

  private broadcast(payload: string): void {
    for (const stream of this.streams) stream.write(`event: programme\ndata: ${payload}\n\n`);
  }
}
