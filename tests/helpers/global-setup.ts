import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/index.js';
import { openPgliteDb } from '../../server/db/pglite-db.js';
import { openPostgresDb } from '../../server/db/postgres-db.js';
import { loadDemoCity } from '../../server/seed/demo-city.js';
import { pgliteTemplateDir, templateFingerprint } from './test-db-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
    postgresTemplateUrl: string | null;
  }
}

interface Templates {
  pgliteTemplateDir: string;
  postgresTemplateUrl: string | null;
}

// The api and browser projects both name this setup; vitest runs it once per project in one
// process, so the first call builds the templates and later calls reuse its result.
const BUILT = Symbol.for('renewal-atlas.test-templates');
type WithTemplates = typeof globalThis & { [BUILT]?: Promise<Templates> };

/**
 * Builds, once per run, a migrated and seeded database for each back-end; every test
 * file then works on its own copy (a copied PGlite folder, or CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<void> {
  const shared = globalThis as WithTemplates;
  shared[BUILT] ??= buildTemplates();
  const templates = await shared[BUILT];
  project.provide('pgliteTemplateDir', templates.pgliteTemplateDir);
  project.provide('postgresTemplateUrl', templates.postgresTemplateUrl);
}

async function buildTemplates(): Promise<Templates> {
  const templateDir = pgliteTemplateDir(templateFingerprint());
  if (!existsSync(templateDir)) {
    const started = performance.now();
    const buildDir = `${templateDir}.building-${process.pid}`;
    rmSync(buildDir, { recursive: true, force: true });
    mkdirSync(dirname(buildDir), { recursive: true });
    const db = await openPgliteDb(buildDir);
    await migrate(db);
    await loadDemoCity(db);
    await db.close();
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(buildDir, templateDir);
    console.log(`[tests] built embedded template database in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const db = await openPostgresDb(postgresUrl);
    try {
      await migrate(db);
      await loadDemoCity(db);
    } finally {
      await db.close();
    }
  }
  return { pgliteTemplateDir: templateDir, postgresTemplateUrl: postgresUrl ?? null };
}
