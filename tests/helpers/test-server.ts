import type { AddressInfo } from 'node:net';
import type { Role } from '../../core/access.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Db, DbBackend } from '../../server/db/index.js';
import { signIn } from './sign-in.js';
import { openTestDb } from './test-db.js';

/** What `startTestServer` may be told; every option has the default given in its comment. */
export interface TestServerOptions {
  /** The back-end of the private database copy (default `'pglite'`); ignored when `db` is given. */
  backend?: DbBackend;
  /** Serve this database instead of a private copy; `close()` then leaves it open for its owner. */
  db?: Db;
  /** Settings as environment variables (default: none beyond `SEED_DEMO=false` and `LOG_LEVEL=warn`), e.g. `{ ELIGIBILITY_CUTOFF_YEAR: '1995' }`. */
  env?: Record<string, string>;
  /** Whose session `request`/`get`/`raw` carry (default `'admin'`, the demo administrator); null for none. */
  as?: Role | null;
}

/** An HTTP reply: JSON bodies parsed, an empty body as `null`, anything else as its text. */
export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** An HTTP reply as bytes, for files (CSV, Excel, GeoJSON downloads). */
export interface RawReply {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

/** Requests as one user: their session cookie and CSRF token go with every request. */
export interface TestClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
  get<T = unknown>(path: string): Promise<Reply<T>>;
  raw(path: string, init?: RequestInit): Promise<RawReply>;
  /** The headers this client adds: Cookie and X-CSRF-Token (empty when signed out). */
  headers: Record<string, string>;
}

/** The whole app (API + built client, when built) on a free port of 127.0.0.1. */
export interface TestServer extends TestClient {
  url: string;
  /** The database the server reads and writes, for checking results against PostGIS directly. */
  db: Db;
  /** A client signed in as the demo account of `role` (null: signed out). */
  as(role: Role | null): Promise<TestClient>;
  /** Stops the server and, when it made its own copy, closes and deletes the database. */
  close(): Promise<void>;
}

/**
 * The one way tests start the app: over a private copy of the seeded test database (or a given
 * `db`), listening on a port the system picks.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const owned = options.db ? null : await openTestDb(options.backend ?? 'pglite');
  const db = options.db ?? owned?.db;
  if (!db) throw new Error('startTestServer: no database to serve.');
  const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...options.env });
  const server = createApp(db, config).listen(0, '127.0.0.1');
  // Node closes idle keep-alive sockets after 5 s; on a loaded machine fetch can pick one up just as it
  // closes (ECONNRESET). Tests close every connection in close(), so idle ones may live longer.
  server.keepAliveTimeout = 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await owned?.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clientOf = async (role: Role | null): Promise<TestClient> => testClient(url, role === null ? {} : await signIn(url, role));
  const own = await clientOf(options.as === undefined ? 'admin' : options.as);

  return {
    ...own,
    url,
    db,
    as: clientOf,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await owned?.dispose();
    },
  };
}

/** Requests to `url` carrying `headers` (a session, or none). */
export function testClient(url: string, headers: Record<string, string>): TestClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const response = await fetch(url + path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    const parsed: unknown = text === '' ? null : isJson ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    headers,
    request,
    get: <T>(path: string) => request<T>('GET', path),
    async raw(path, init = {}) {
      const merged = new Headers(init.headers);
      for (const [name, value] of Object.entries(headers)) if (!merged.has(name)) merged.set(name, value);
      const response = await fetch(url + path, { ...init, headers: merged });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
    },
  };
}
