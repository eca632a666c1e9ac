/**
 * A primary and a streaming replica of our own, on free ports of this machine, built with
 * PostgreSQL's own tools (Debian's pg_createcluster, pg_basebackup -R): the shared cluster is never
 * touched. Needs root (the clusters run as the postgres user) and the PostgreSQL 15 server packages.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.js';

const run = promisify(execFile);
const PG_VERSION = '15';

/** Whether this machine can build the pair: root, and Debian's cluster tools. */
export function canBuildReplicaPair(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/pg_createcluster') && existsSync('/usr/bin/pg_basebackup');
}

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops / resumes WAL replay on the replica, so a test can tell which server answered. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Drops both clusters and their files. */
  dispose(): Promise<void>;
}

async function psql(port: number, database: string, sql: string): Promise<string> {
  const { stdout } = await run('psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    database,
    '-v',
    'ON_ERROR_STOP=1',
    '-qAtc',
    sql,
  ]);
  return stdout.trim();
}

/**
 * Builds the pair and fills database `atlas` on the primary with a copy of `sourceUrl`'s database
 * (pg_dump | psql), which the replica then streams.
 */
export async function startReplicaPair(sourceUrl: string): Promise<ReplicaPair> {
  const id = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-replica-'));
  chmodSync(dir, 0o755);
  const primary = { name: `atlas_primary_${id}`, port: await freePort(), data: join(dir, 'primary') };
  const replica = { name: `atlas_replica_${id}`, port: await freePort(), data: join(dir, 'replica') };
  const ctl = (cluster: { name: string }, action: string) => run('pg_ctlcluster', [PG_VERSION, cluster.name, action]);
  const drop = async () => {
    for (const cluster of [replica, primary]) await run('pg_dropcluster', ['--stop', PG_VERSION, cluster.name]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Trust on loopback, replication included, as the shared test cluster has it.
    await run('pg_createcluster', [PG_VERSION, primary.name, '-p', String(primary.port), '-d', primary.data, '--', '--auth=trust']);
    await ctl(primary, 'start');
    await psql(primary.port, 'postgres', 'CREATE DATABASE atlas');
    const source = new URL(sourceUrl);
    const dump = join(dir, 'source.sql');
    await run(
      'pg_dump',
      ['-h', source.hostname, '-p', source.port || '5432', '-U', 'postgres', '--no-owner', '-f', dump, source.pathname.slice(1)],
      {
        maxBuffer: 1 << 26,
      },
    );
    await run('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-d',
      'atlas',
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-f',
      dump,
    ]);
    await run('pg_createcluster', [PG_VERSION, replica.name, '-p', String(replica.port), '-d', replica.data, '--', '--auth=trust']);
    // The replica starts as a copy of the primary's files; -R writes standby.signal and primary_conninfo.
    await run('find', [replica.data, '-mindepth', '1', '-delete']);
    await run('runuser', [
      '-u',
      'postgres',
      '--',
      'pg_basebackup',
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      replica.data,
      '-R',
      '-X',
      'stream',
      // An immediate checkpoint: the default spreads it over minutes.
      '--checkpoint=fast',
    ]);
    await ctl(replica, 'start');
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primary.port}/atlas`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replica.port}/atlas`,
    pauseReplay: async () => void (await psql(replica.port, 'postgres', 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await psql(replica.port, 'postgres', 'SELECT pg_wal_replay_resume()')),
    stopReplica: async () => void (await ctl(replica, 'stop')),
    startReplica: async () => void (await ctl(replica, 'start')),
    dispose: drop,
  };
}
