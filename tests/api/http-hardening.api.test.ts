/**
 * Client mistakes in the body or URL are 4xx with the one error shape, never 500 (issue 7, item 3);
 * every answer carries a request id and the security headers (items 5, 6); a 500 is logged with
 * the request id, the error class and SQLSTATE, never the message (item 5).
 */
import { get as httpGet } from 'node:http';
import { Writable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../core/contract/index.js';
import { isProblemCode, problemMessage } from '../../core/problems.js';
import { errorHandler } from '../../server/http/error-handler.js';
import { requestLog } from '../../server/http/request-log.js';
import { pino } from 'pino';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A GET with the path sent as written: fetch would rewrite a broken escape such as `%A` into `%25A`. */
function getVerbatim(baseUrl: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port: new URL(baseUrl).port, path }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
}

/** Over express.json()'s 50 MB limit (server/app.ts). */
const OVER_LIMIT_BYTES = 51 * 1024 * 1024;

describe.each(testBackends())('request body, encoding and URL errors on %s', (backend) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer({ backend });
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(headers: Record<string, string>, body: Uint8Array | string): Promise<{ status: number; error: ApiErrorBody }> {
    const reply = await app.raw('/api/imports/validate', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const parsed = JSON.parse(reply.text) as { error: ApiErrorBody };
    expect(isProblemCode(parsed.error.code), reply.text).toBe(true);
    expect(parsed.error.message.length).toBeGreaterThan(0);
    return { status: reply.status, error: parsed.error };
  }

  const json = { 'Content-Type': 'application/json' };
  const valid = JSON.stringify({ features: [] });

  it('answers a body over the limit with 413 payload_too_large naming the limit', async () => {
    const body = new Uint8Array(OVER_LIMIT_BYTES).fill(0x20);
    const { status, error } = await post(json, body);
    expect(status).toBe(413);
    expect(error).toMatchObject({ code: 'payload_too_large', params: { limitMb: 50 } });
    expect(problemMessage(error.code, error.params ?? {}, 'zh')).toContain('50 MB');
  });

  it('answers a gzip bomb (small on the wire, over the limit inflated) with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(OVER_LIMIT_BYTES, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { status, error } = await post({ ...json, 'Content-Encoding': 'gzip' }, bomb);
    expect(status).toBe(413);
    expect(error.code).toBe('payload_too_large');
  });

  it('answers latin1 and unknown charsets with 415 unsupported_charset', async () => {
    for (const charset of ['latin1', 'x-no-such-charset']) {
      const { status, error } = await post({ 'Content-Type': `application/json; charset=${charset}` }, valid);
      expect({ status, code: error.code }, charset).toEqual({ status: 415, code: 'unsupported_charset' });
    }
  });

  it('answers Content-Encoding br and unknown encodings with 415 unsupported_encoding', async () => {
    for (const encoding of ['br', 'compress']) {
      const { status, error } = await post({ ...json, 'Content-Encoding': encoding }, valid);
      expect({ status, code: error.code, encoding: error.params?.encoding }).toEqual({
        status: 415,
        code: 'unsupported_encoding',
        encoding,
      });
    }
  });

  it('answers corrupt gzip and deflate bodies with 400 invalid_body_encoding', async () => {
    const truncated = gzipSync(valid).subarray(0, 12);
    const garbage = new TextEncoder().encode('this is not deflate data at all');
    for (const [encoding, body] of [
      ['gzip', truncated],
      ['gzip', garbage],
      ['deflate', garbage],
    ] as const) {
      const { status, error } = await post({ ...json, 'Content-Encoding': encoding }, body);
      expect({ status, code: error.code }, encoding).toEqual({ status: 400, code: 'invalid_body_encoding' });
    }
  });

  it('still reads a well-formed gzip or deflate body', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(valid)],
      ['deflate', deflateSync(valid)],
    ] as const) {
      const reply = await app.raw('/api/imports/validate', { method: 'POST', headers: { ...json, 'Content-Encoding': encoding }, body });
      expect(reply.status, reply.text).toBe(200);
    }
  });

  it('answers malformed percent-encoding in a path with 400 invalid_url', async () => {
    for (const path of ['/api/estates/%E0%A4%A', '/api/estates/%', '/api/estates/%FF']) {
      const reply = await getVerbatim(app.url, path);
      expect(reply.status, `${path}: ${reply.text}`).toBe(400);
      expect((JSON.parse(reply.text) as { error: ApiErrorBody }).error.code).toBe('invalid_url');
    }
  });
});

describe('request ids and security headers', () => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer({ env: { TIANDITU_TK: 'test-key' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one with a new id', async () => {
    const kept = await app.raw('/api/config', { headers: { 'X-Request-Id': 'proxy-42.a:b' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-42.a:b');
    const replaced = await app.raw('/api/config', { headers: { 'X-Request-Id': 'x'.repeat(200) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const fresh = await app.raw('/api/config');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a CSP with the Tianditu hosts, frame denial and a referrer policy, and no HSTS over plain HTTP', async () => {
    const { headers } = await app.raw('/api/config');
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://*.tianditu.gov.cn");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when HSTS=true', async () => {
    const secure = await startTestServer({ db: app.db, env: { HSTS: 'true' } });
    try {
      const { headers } = await secure.raw('/api/config');
      expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe('the log of a 500', () => {
  it('names the request id, the error class and the SQLSTATE, and nothing of the message', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const tiny = express();
    tiny.use(requestLog(pino({ level: 'info' }, sink)));
    tiny.get('/boom', () => {
      throw Object.assign(new Error("duplicate key: INSERT INTO estates VALUES ('secret name')"), { code: '23505' });
    });
    tiny.use(errorHandler);
    const server = tiny.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/boom?name=secret`, { headers: { 'X-Request-Id': 'req-500' } });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('secret');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const logged = lines.join('');
    expect(logged).not.toContain('secret');
    expect(logged).not.toContain('INSERT');
    const line = JSON.parse(lines.find((text) => text.includes('req-500')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, reqId: 'req-500', errorClass: 'Error', sqlState: '23505', res: { statusCode: 500 } });
  });
});
