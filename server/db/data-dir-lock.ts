/**
 * One process per embedded data folder: two PGlite instances writing the same files corrupt them.
 * The lock is a file in the folder holding the owner's pid (as PostgreSQL's postmaster.pid); a
 * lock whose process is gone — killed, crashed — is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'renewal-atlas.lock';

/** Another live process has the folder open. */
export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database ${dataDir} is in use by process ${pid}. Stop that process, or set PGLITE_DATA_DIR to another folder` +
        ` (if no such process runs, delete ${join(dataDir, LOCK_FILE_NAME)}).`,
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** Folders this process holds, so a second open in the same process is refused too. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of `dataDir` for this process; throws DataDirLockedError when a live process holds it.
 * @returns the function that releases it
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' fails when the file exists, so of two processes starting together only one creates it.
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(lockPath);
      const release = (): void => {
        if (!held.delete(lockPath)) return;
        if (readOwner(lockPath) === process.pid) rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      // Also on process.exit() after a fatal error, so the next start does not see our pid.
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    const ours = owner === process.pid && held.has(lockPath);
    if (owner !== null && (ours || (owner !== process.pid && isAlive(owner)))) throw new DataDirLockedError(dataDir, owner);
    // Stale (dead owner, or a half-written file): remove it and try again.
    rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not lock ${lockPath}: it keeps reappearing; is another process starting on the same folder?`);
}
