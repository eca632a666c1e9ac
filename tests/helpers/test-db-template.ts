import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { MIGRATIONS_DIR } from '../../server/db/migrate.js';
import { DEMO_CITY_DIR } from '../../server/seed/demo-city.js';

/** A fingerprint of everything a seeded test database is built from, so a stale template is never reused. */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  // server/seed holds the loader and the demo accounts the template also gets; server/db the COPY it uses.
  for (const dir of [MIGRATIONS_DIR, DEMO_CITY_DIR, join(PROJECT_ROOT, 'server', 'seed'), join(PROJECT_ROOT, 'server', 'db')]) {
    for (const file of readdirSync(dir).sort()) {
      const path = join(dir, file);
      if (!statSync(path).isFile()) continue;
      hash.update(file).update(readFileSync(path));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export function pgliteTemplateDir(fingerprint: string): string {
  return join(PROJECT_ROOT, '.data', 'test-templates', `pglite-${fingerprint}`);
}

/** Replaces the database name of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`TEST_DATABASE_URL must name a database of lowercase letters, digits and _; got "${name}"`);
  }
  return name;
}
