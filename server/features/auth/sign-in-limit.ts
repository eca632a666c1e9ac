/**
 * Sign-in rate limit, kept in the database so every app instance counts the same failures:
 * at most ACCOUNT_LIMIT failed sign-ins per username and ADDRESS_LIMIT per client address in a
 * sliding WINDOW. The username limit applies whether or not the account exists, so the answer
 * never tells which usernames are real.
 */
import type { Queryable } from '../../db/index.js';
import { TooManyRequestsError } from '../../domain-errors.js';

const WINDOW_MS = 15 * 60_000;
const ACCOUNT_LIMIT = 5;
/** Higher: one office behind one NAT address signs in many people. */
const ADDRESS_LIMIT = 30;

const accountKey = (username: string): string => `user:${username}`;
const addressKey = (address: string): string => `ip:${address}`;

interface Count {
  key: string;
  failures: number;
  retry_after_s: number;
}

/** Throws 429 with the seconds until the oldest counted failure leaves the window (database time, shared by all instances). */
export async function assertSignInAllowed(db: Queryable, username: string, address: string): Promise<void> {
  const counts = await db.query<Count>(
    `SELECT key, count(*)::int AS failures,
            ceil(extract(epoch FROM min(at) + make_interval(secs => $2) - now()))::int AS retry_after_s
       FROM sign_in_failures
      WHERE key = ANY($1::text[]) AND at > now() - make_interval(secs => $2)
      GROUP BY key`,
    [[accountKey(username), addressKey(address)], WINDOW_MS / 1000],
  );
  for (const count of counts) {
    const limit = count.key.startsWith('user:') ? ACCOUNT_LIMIT : ADDRESS_LIMIT;
    if (count.failures >= limit) throw new TooManyRequestsError(Math.max(1, count.retry_after_s));
  }
}

export async function recordSignInFailure(db: Queryable, username: string, address: string): Promise<void> {
  await db.query(
    `WITH gone AS (DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => $3))
     INSERT INTO sign_in_failures (key) VALUES ($1), ($2)`,
    [accountKey(username), addressKey(address), WINDOW_MS / 1000],
  );
}

/** A successful sign-in forgives the account's failures (the address's stay counted). */
export async function clearSignInFailures(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [accountKey(username)]);
}
