/**
 * Every error answer has one shape — `{ error: { code, message, params, details? } }` — with a code
 * of core/problems.ts that the client words in Chinese or English, and a 400 names each field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../core/contract/index.js';
import { isProblemCode, problemMessage } from '../../core/problems.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('error answers', () => {
  let app: TestServer;

  async function call(method: string, path: string, body?: string): Promise<{ status: number; error: ApiErrorBody }> {
    const response = await app.raw(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body,
    });
    const json = JSON.parse(response.text) as { error: ApiErrorBody };
    return { status: response.status, error: json.error };
  }

  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a bad query parameter with 400 whose details name the field', async () => {
    const { status, error } = await call('GET', '/api/estates?bbox=1,2,3');
    expect(status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.details).toMatchObject({ fields: [{ field: 'bbox' }] });
  });

  it('answers a broken field rule with the rule code and params, worded in Chinese from them', async () => {
    const { status, error } = await call(
      'POST',
      '/api/estates',
      JSON.stringify({ type: 'Feature', geometry: null, properties: { name: '某小区', households: -3 } }),
    );
    expect(status).toBe(400);
    const fields = (error.details as { fields: { field: string; code: string; params: Record<string, number | string> }[] }).fields;
    expect(fields[0]).toMatchObject({ field: 'households', code: 'too_small', params: { minimum: 0 } });
    const first = fields[0];
    expect(first && problemMessage(first.code, first.params, 'zh')).toBe('户数不能小于 0');
  });

  it('answers an unknown estate with 404 not_found and malformed JSON with 400 invalid_json', async () => {
    expect(await call('GET', '/api/estates/999999')).toMatchObject({ status: 404, error: { code: 'not_found' } });
    expect(await call('POST', '/api/estates', '{"type":')).toMatchObject({ status: 400, error: { code: 'invalid_json' } });
  });

  it('uses only codes the client can word', async () => {
    for (const path of ['/api/estates?limit=0', '/api/nothing', '/api/estates/abc', '/api/summary?subdistrict=nowhere']) {
      const { error } = await call('GET', path);
      expect(isProblemCode(error.code), `${path}: ${error.code}`).toBe(true);
    }
  });
});
