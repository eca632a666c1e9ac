/**
 * `npm start` as a user runs it: one start on a fresh embedded database, then SIGTERM must stop
 * every process it started and free the port (defect 12 of issue 6: the tsx child stayed up).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideClientBuild } from '../../server/cli/ensure-client-build.js';
import { PROJECT_ROOT } from '../../server/config.js';

const HEALTH_TIMEOUT_MS = 150_000;

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Ids of processes whose environment holds `marker` (Linux /proc); the test gives the start a unique one. */
function processesWithEnv(marker: string): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (
        readFileSync(join('/proc', entry, 'environ'), 'latin1')
          .split('\0')
          .includes(marker)
      )
        found.push(Number(entry));
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return found;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode} before it was healthy:\n${output()}`);
    const status = await fetch(`${url}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no 200 from ${url}/api/health within ${HEALTH_TIMEOUT_MS / 1000} s:\n${output()}`);
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-npm-start-'));
  const marker = `PGLITE_DATA_DIR=${dataDir}`;
  let child: ChildProcess | null = null;

  afterAll(() => {
    // Only if the test failed half-way: stop what this test started, found by its unique data folder.
    for (const pid of processesWithEnv(marker)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'serves /api/health on the given port, and on SIGTERM exits 0 leaving no process behind and the port free',
    async () => {
      // A rebuild here would empty dist/client under the browser tests running beside this one.
      const build = decideClientBuild(PROJECT_ROOT);
      if (build.build) throw new Error(`the client build is stale (${build.reason}); run \`npm run build\` before this test`);
      const port = await freePort();
      let output = '';
      child = spawn('npm', ['start'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PORT: String(port), PGLITE_DATA_DIR: dataDir, SEED_DEMO: 'false', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child?.once('exit', (code, signal) => resolve({ code, signal })),
      );

      await waitForHealth(`http://127.0.0.1:${port}`, child, () => output);
      expect(processesWithEnv(marker).length).toBeGreaterThan(0);

      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect({ code, signal }, output).toEqual({ code: 0, signal: null });
      expect(output).toContain('[http] stopped');
      // npm has exited; give an orphan a moment to show itself before looking
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(processesWithEnv(marker), output).toEqual([]);
      expect(await isListening(port)).toBe(false);
    },
    HEALTH_TIMEOUT_MS + 30_000,
  );
});
