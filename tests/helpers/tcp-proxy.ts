/**
 * A TCP proxy a test puts between the app and its PostGIS database to make faults on demand —
 * never by stopping the shared PostgreSQL server: `down()` refuses and cuts every connection,
 * `up()` listens again on the same port, `hold()` keeps what the app sends until `release()`.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `targetUrl` with its host and port replaced by the proxy's. */
  readonly url: string;
  /** Bytes the app sent while held (a query waiting in the proxy). */
  heldBytes(): number;
  hold(): void;
  release(): void;
  /** Closes the listening port and destroys every connection (the database "vanishes"). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let holding = false;
  let held: { upstream: Socket; chunk: Buffer }[] = [];

  function onClient(client: Socket): void {
    const upstream = connect(targetPort, target.hostname);
    sockets.add(client).add(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => (holding ? held.push({ upstream, chunk }) : upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  }

  let server: Server = createServer(onClient);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  async function down(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  }

  return {
    url: url.toString(),
    heldBytes: () => held.reduce((sum, item) => sum + item.chunk.length, 0),
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const { upstream, chunk } of held) if (!upstream.destroyed) upstream.write(chunk);
      held = [];
    },
    down,
    async up() {
      server = createServer(onClient);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
    },
    async close() {
      if (server.listening) await down();
    },
  };
}
