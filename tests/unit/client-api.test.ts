import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchConfig, fetchEstates, fetchSummary } from '../../client/src/api/atlas-api';
import { isAtlasConfig, isEstateFeature, isFeature, isFeatureCollection, isSummary } from '../../client/src/api/checks';
import { signIn } from '../../client/src/api/auth';
import { CLIENT_ID_PATTERN } from '../../core/contract/index';
import {
  ApiError,
  buildUrl,
  getJson,
  parseErrorBody,
  request,
  requestHeaders,
  CLIENT_ID,
  setCsrfToken,
  setSessionLostHandler,
} from '../../client/src/api/request';

type FetchArgs = [input: string, init?: RequestInit];

/** Replaces the global fetch for one test; afterEach puts the real one back. */
function stubFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: FetchArgs[] = [];
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    calls.push([input, init]);
    return Promise.resolve(answer(input));
  });
  return calls;
}

function json(body: unknown, status = 200, statusText = ''): Response {
  return new Response(JSON.stringify(body), { status, statusText, headers: { 'Content-Type': 'application/json' } });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const realFetch = globalThis.fetch;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseErrorBody', () => {
  it('reads the code and message of an API error body', () => {
    expect(parseErrorBody({ error: { code: 'not_found', message: 'estate 9 not found' } })).toEqual({
      code: 'not_found',
      message: 'estate 9 not found',
    });
  });

  it('returns null for bodies that are not the API error shape', () => {
    expect(parseErrorBody(null)).toBeNull();
    expect(parseErrorBody('database unreachable')).toBeNull();
    expect(parseErrorBody({ error: 'unavailable' })).toBeNull();
    expect(parseErrorBody({ error: { code: 503, message: 'x' } })).toBeNull();
    expect(parseErrorBody({ error: { code: 'unavailable' } })).toBeNull();
    expect(parseErrorBody([{ error: { code: 'a', message: 'b' } }])).toBeNull();
  });
});

describe('buildUrl', () => {
  it('returns the bare path when there is no query', () => {
    expect(buildUrl('/api/estates')).toBe('/api/estates');
    expect(buildUrl('/api/estates', {})).toBe('/api/estates');
  });

  it('leaves out undefined, null and empty values but keeps zero', () => {
    expect(buildUrl('/api/estates', { subdistrict: undefined, district: null, bbox: '', limit: 0 })).toBe('/api/estates?limit=0');
  });

  it('encodes values so commas and Chinese text survive', () => {
    expect(buildUrl('/api/summary', { subdistrict: '城中街道', bbox: '109.4,24.3,109.5,24.4' })).toBe(
      '/api/summary?subdistrict=%E5%9F%8E%E4%B8%AD%E8%A1%97%E9%81%93&bbox=109.4%2C24.3%2C109.5%2C24.4',
    );
  });
});

describe('getJson', () => {
  it('asks for JSON at the built URL and returns the parsed body', async () => {
    const calls = stubFetch(() => json({ estates: 3 }));
    await expect(getJson('/api/summary', { subdistrict: 'S01', limit: undefined })).resolves.toEqual({ estates: 3 });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? [];
    expect(url).toBe('/api/summary?subdistrict=S01');
    expect(init?.headers).toEqual({ Accept: 'application/json' });
  });

  it('turns a 503 error body into an ApiError with the API code and a message naming the path and status', async () => {
    stubFetch(() => json({ error: { code: 'unavailable', message: 'database unreachable: test' } }, 503, 'Service Unavailable'));
    const error = await apiError(getJson('/api/estates'));
    expect(error.status).toBe(503);
    expect(error.code).toBe('unavailable');
    expect(error.path).toBe('/api/estates');
    expect(error.message).toBe('database unreachable: test (/api/estates, HTTP 503)');
    expect(error.name).toBe('ApiError');
  });

  it('falls back to the status text and an http_ code when the error body is not JSON', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await apiError(getJson('/api/roads'));
    expect(error.code).toBe('http_502');
    expect(error.message).toBe('Bad Gateway (/api/roads, HTTP 502)');
  });

  it('says "request failed" when an error answer has neither body nor status text', async () => {
    stubFetch(() => new Response(null, { status: 404 }));
    const error = await apiError(getJson('/api/estates/9'));
    expect(error.code).toBe('http_404');
    expect(error.message).toBe('request failed (/api/estates/9, HTTP 404)');
  });

  it('rejects a successful answer that is not JSON as invalid_json', async () => {
    stubFetch(() => new Response('<!doctype html>', { status: 200 }));
    const error = await apiError(getJson('/api/config'));
    expect(error.status).toBe(200);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toBe('/api/config answered with something that is not JSON');
  });

  it('returns null for a successful empty answer', async () => {
    stubFetch(() => new Response('', { status: 200 }));
    await expect(getJson('/api/config')).resolves.toBeNull();
  });

  it('reports an unreachable server as status 0 network_error', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
    const error = await apiError(getJson('/api/estates'));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.message).toBe('Cannot reach the server for /api/estates: TypeError: fetch failed');
  });

  it('passes an abort through unchanged so callers can ignore it', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', () => Promise.reject(abort));
    expect(await rejection(getJson('/api/estates'))).toBe(abort);
  });

  it('restores the real fetch after each stubbed test', () => {
    expect(globalThis.fetch).toBe(realFetch);
  });
});

describe('the typed API calls', () => {
  it('turns empty basemap settings of /api/config into nulls, and a missing estate source into the collection', async () => {
    stubFetch(() => json({ eligibilityCutoffYear: 2000, basemap: { styleUrl: '', tiandituKey: null } }));
    await expect(fetchConfig()).resolves.toEqual({
      eligibilityCutoffYear: 2000,
      basemap: { styleUrl: null, tiandituKey: null },
      estateSource: { kind: 'collection', estates: 0, yearBuilt: null, households: null },
    });
  });

  it('passes on a server that draws its estates from tiles', async () => {
    const estateSource = { kind: 'tiles', estates: 200000, yearBuilt: [1950, 2005], households: [12, 2400] };
    stubFetch(() => json({ eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource }));
    await expect(fetchConfig()).resolves.toMatchObject({ estateSource });
  });

  it('rejects an estate source of an unknown kind as invalid_response', async () => {
    stubFetch(() => json({ eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource: { kind: 'wfs' } }));
    expect((await apiError(fetchConfig())).code).toBe('invalid_response');
  });

  it('rejects an /api/estates answer that is not a FeatureCollection as invalid_response', async () => {
    stubFetch(() => json({ type: 'Feature' }));
    const error = await apiError(fetchEstates());
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe('/api/estates did not answer with a GeoJSON FeatureCollection');
  });

  it('sends the summary filter as query parameters, bbox joined by commas', async () => {
    const summary = {
      estates: 1,
      households: 2,
      floorAreaM2: 3,
      buildings: 4,
      landAreaM2: 5,
      eligible: 1,
      urgent: 0,
      unknown: { households: 0, floorAreaM2: 1, buildings: 0 },
    };
    const calls = stubFetch(() => json(summary));
    await expect(fetchSummary({ subdistrict: 'S02', bbox: [1, 2, 3, 4] })).resolves.toEqual(summary);
    expect(calls[0]?.[0]).toBe('/api/summary?subdistrict=S02&bbox=1%2C2%2C3%2C4');
  });
});

describe('API answer checks', () => {
  it('accepts a FeatureCollection with a features array, empty or not', () => {
    expect(isFeatureCollection({ type: 'FeatureCollection', features: [] })).toBe(true);
    expect(
      isFeatureCollection({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }],
      }),
    ).toBe(true);
    expect(isFeatureCollection({ type: 'FeatureCollection', features: [{ type: 'Feature' }] })).toBe(false);
  });

  it('accepts an unlocated feature (null geometry) in a collection, but not as an estate', () => {
    const unlocated = {
      type: 'Feature',
      id: 1,
      geometry: null,
      properties: { id: 1, name: '东门', version: 1, landAreaM2: 1, eligible: true },
    };
    expect(isFeatureCollection({ type: 'FeatureCollection', features: [unlocated] })).toBe(true);
    expect(isEstateFeature(unlocated)).toBe(false);
    expect(isEstateFeature({ ...unlocated, geometry: { type: 'Polygon', coordinates: [] } })).toBe(true);
  });

  it('rejects collections of the wrong type or without a features array', () => {
    expect(isFeatureCollection({ type: 'Feature', features: [] })).toBe(false);
    expect(isFeatureCollection({ type: 'FeatureCollection', features: {} })).toBe(false);
    expect(isFeatureCollection({ type: 'FeatureCollection' })).toBe(false);
    expect(isFeatureCollection(null)).toBe(false);
    expect(isFeatureCollection([])).toBe(false);
  });

  it('accepts a Feature only with object (or null: unlocated) geometry and properties', () => {
    expect(isFeature({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} })).toBe(true);
    expect(isFeature({ type: 'Feature', geometry: null, properties: {} })).toBe(true);
    expect(isFeature({ type: 'Feature', geometry: 'POINT (0 0)', properties: {} })).toBe(false);
    expect(isFeature({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: null })).toBe(false);
    expect(isFeature({ type: 'FeatureCollection', geometry: {}, properties: {} })).toBe(false);
  });

  it('accepts a summary only when all seven figures and the unknown counts are numbers', () => {
    const summary = {
      estates: 117,
      households: 8593,
      floorAreaM2: 435000,
      buildings: 216,
      landAreaM2: 1,
      eligible: 70,
      urgent: 18,
      unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
    };
    expect(isSummary(summary)).toBe(true);
    expect(isSummary({ ...summary, urgent: '18' })).toBe(false);
    const { landAreaM2: _dropped, ...withoutLandArea } = summary;
    expect(isSummary(withoutLandArea)).toBe(false);
    expect(isSummary({ ...summary, unknown: { households: 0 } })).toBe(false);
  });

  it('accepts a config with a numeric cut-off and string-or-null basemap settings', () => {
    expect(isAtlasConfig({ eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null } })).toBe(true);
    expect(isAtlasConfig({ eligibilityCutoffYear: 2000, basemap: {} })).toBe(true);
    expect(isAtlasConfig({ eligibilityCutoffYear: 2000, basemap: { styleUrl: 'https://x/style.json', tiandituKey: 'k' } })).toBe(true);
  });

  it('rejects a config with a string cut-off, a missing basemap or a numeric key', () => {
    expect(isAtlasConfig({ eligibilityCutoffYear: '2000', basemap: {} })).toBe(false);
    expect(isAtlasConfig({ eligibilityCutoffYear: 2000 })).toBe(false);
    expect(isAtlasConfig({ eligibilityCutoffYear: 2000, basemap: { tiandituKey: 42 } })).toBe(false);
  });
});

describe('request', () => {
  it('sends a JSON body with its method and content type', async () => {
    const calls = stubFetch(() => json({ id: 7 }, 201));
    await expect(request('/api/estates', { method: 'POST', body: { name: 'A' }, query: { allowOverlap: 'true' } })).resolves.toEqual({
      id: 7,
    });
    const [url, init] = calls[0] ?? [];
    expect(url).toBe('/api/estates?allowOverlap=true');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"name":"A"}');
    expect(init?.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json', 'X-Atlas-Client': CLIENT_ID });
  });

  it('keeps the server message and the details of an error answer for the caller to explain', async () => {
    stubFetch(() => json({ error: { code: 'overlap', message: 'overlaps 1 estate', details: { overlaps: [] } } }, 409));
    const error = await apiError(request('/api/estates/3', { method: 'PATCH', body: {} }));
    expect(error.serverMessage).toBe('overlaps 1 estate');
    expect(error.details).toEqual({ overlaps: [] });
    expect(error.message).toBe('overlaps 1 estate (/api/estates/3, HTTP 409)');
  });

  it('hands a file answer back as a blob with its headers', async () => {
    stubFetch(() => new Response('a,b', { headers: { 'Content-Disposition': 'attachment; filename="x.csv"' } }));
    const answer = await request('/api/export', { query: { format: 'csv' }, as: 'file' });
    expect(await answer.blob.text()).toBe('a,b');
    expect(answer.header('Content-Disposition')).toContain('x.csv');
  });
});

describe('the CSRF token and a lost session', () => {
  afterEach(() => {
    setCsrfToken(null);
    setSessionLostHandler(null);
  });

  it('sends the session CSRF token on writes but not on reads', async () => {
    setCsrfToken('csrf-123');
    const calls = stubFetch(() => json({}));
    await request('/api/estates/1', { method: 'PATCH', body: { version: 1 } });
    await request('/api/estates');
    const headerOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('X-CSRF-Token');
    expect(headerOf(calls[0]?.[1])).toBe('csrf-123');
    expect(headerOf(calls[1]?.[1])).toBeNull();
    expect(requestHeaders('DELETE', false)).toEqual({
      Accept: 'application/json',
      'X-CSRF-Token': 'csrf-123',
      'X-Atlas-Client': CLIENT_ID,
    });
  });

  it('names this tab on writes with a client id the server accepts, and not on reads', () => {
    expect(CLIENT_ID).toMatch(CLIENT_ID_PATTERN);
    expect(requestHeaders('GET', false)).toEqual({ Accept: 'application/json' });
  });

  it('sends no token before sign-in', () => {
    expect(requestHeaders('POST', true)).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Atlas-Client': CLIENT_ID,
    });
  });

  it('keeps the token of a sign-in for later writes', async () => {
    const session = {
      user: { id: 1, username: 'demo-admin', role: 'admin' },
      permissions: ['ledger.read'],
      csrfToken: 'from-login',
      expiresAt: '2026-12-02T00:00:00Z',
      idleTimeoutMinutes: 30,
    };
    stubFetch(() => json(session));
    await signIn('demo-admin', 'demo-admin-2026');
    expect(requestHeaders('POST', false)['X-CSRF-Token']).toBe('from-login');
  });

  it('reports a 401 of a data call as a lost session, but not a wrong password at sign-in', async () => {
    const lost: string[] = [];
    setSessionLostHandler((error) => lost.push(error.code));
    stubFetch(() => json({ error: { code: 'session_expired', message: 'session expired' } }, 401));
    await rejection(request('/api/estates'));
    await rejection(request('/api/auth/login', { method: 'POST', body: {} }));
    expect(lost).toEqual(['session_expired']);
  });
});
