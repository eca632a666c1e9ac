import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideClientBuild } from '../../server/cli/ensure-client-build.js';

const BUILT_AT = new Date('2026-01-10T12:00:00Z');
const BEFORE = new Date('2026-01-10T11:00:00Z');
const AFTER = new Date('2026-01-10T13:00:00Z');

/** Writes a file under the fake project and gives it a modification time. */
function write(root: string, path: string, at: Date): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, path);
  utimesSync(full, at, at);
}

describe('deciding whether npm start builds the client', () => {
  let root = '';

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atlas-client-build-'));
    for (const path of [
      'client/index.html',
      'client/src/main.tsx',
      'core/estate.ts',
      'vite.config.ts',
      'package-lock.json',
      'server/app.ts',
    ]) {
      write(root, path, BEFORE);
    }
    // creating the files touched their folders; a folder's time counts too (a deleted file shows there)
    for (const dir of ['client', 'client/src', 'core', 'server']) utimesSync(join(root, dir), BEFORE, BEFORE);
    write(root, 'dist/client/index.html', BUILT_AT);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('skips the build when nothing changed since the last build', () => {
    expect(decideClientBuild(root)).toEqual({ build: false, reason: 'up_to_date' });
  });

  it('skips the build when npm install rewrote only package-lock.json', () => {
    write(root, 'package-lock.json', AFTER);
    expect(decideClientBuild(root)).toEqual({ build: false, reason: 'up_to_date' });
  });

  it('skips the build when only server code changed', () => {
    write(root, 'server/app.ts', AFTER);
    expect(decideClientBuild(root).build).toBe(false);
  });

  it.each(['client/src/main.tsx', 'client/index.html', 'core/estate.ts', 'vite.config.ts'])(
    'builds when %s changed after the last build',
    (path) => {
      write(root, path, AFTER);
      expect(decideClientBuild(root)).toEqual({ build: true, reason: 'sources_changed', changedPath: join(root, path) });
    },
  );

  it('builds when a client file was deleted (its folder changed)', () => {
    utimesSync(join(root, 'client', 'src'), AFTER, AFTER);
    expect(decideClientBuild(root)).toMatchObject({ build: true, reason: 'sources_changed' });
  });

  it('builds when the client was never built', () => {
    rmSync(join(root, 'dist'), { recursive: true });
    expect(decideClientBuild(root)).toEqual({ build: true, reason: 'never_built' });
  });
});
