/** Every read route answers in the shape core/contract/ declares, so the client's checks and the server agree. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  apiErrorSchema,
  atlasConfigSchema,
  coverageResponseSchema,
  estateFeatureSchema,
  estateSummarySchema,
  featureCollectionSchema,
  facilityTypesResponseSchema,
} from '../../core/contract/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the API answers as core/contract/ declares', () => {
  let app: TestServer;

  async function getParsed(path: string, schema: z.ZodType): Promise<unknown> {
    const body: unknown = JSON.parse((await app.raw(path)).text);
    const parsed = schema.safeParse(body);
    expect(parsed.success, `${path}: ${parsed.error?.message ?? ''}`).toBe(true);
    return parsed.data;
  }

  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /api/summary and /api/config with their schemas', async () => {
    await getParsed('/api/summary', estateSummarySchema);
    await getParsed('/api/config', atlasConfigSchema);
  });

  it('answers /api/estates with a FeatureCollection of estate features', async () => {
    const collection = (await getParsed('/api/estates?limit=20', featureCollectionSchema)) as { features: unknown[] };
    expect(collection.features).toHaveLength(20);
    for (const feature of collection.features) expect(estateFeatureSchema.safeParse(feature).success).toBe(true);
    await getParsed('/api/estates/1', estateFeatureSchema);
  });

  it('answers every reference layer with a FeatureCollection', async () => {
    for (const path of ['/api/facilities', '/api/roads', '/api/subdistricts', '/api/communities', '/api/water'])
      await getParsed(path, featureCollectionSchema);
  });

  it('answers /api/coverage and /api/facility-types with their schemas', async () => {
    await getParsed('/api/coverage?scope=city', coverageResponseSchema);
    await getParsed('/api/facility-types', facilityTypesResponseSchema);
  });

  it('answers errors with the one error shape', async () => {
    await getParsed('/api/estates/0', apiErrorSchema);
    await getParsed('/api/estates?bbox=x', apiErrorSchema);
  });
});
