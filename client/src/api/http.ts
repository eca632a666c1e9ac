/**
 * The one place the browser talks HTTP. Every answer is read as JSON; an error answer
 * `{ error: { code, message } }` (docs/API.md) becomes an ApiError with a readable message.
 */

export type QueryValue = string | number | undefined | null;

/** A failed API call: HTTP status (0 when the server could not be reached), the API's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;

  constructor(status: number, code: string, message: string, path: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `{ error: { code, message } }` from an error body; anything else yields null.
 * @example parseErrorBody({ error: { code: 'not_found', message: 'estate 9 not found' } })
 */
export function parseErrorBody(body: unknown): { code: string; message: string } | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message };
}

/** Builds `/api/...?a=1&b=2`, leaving out empty values. */
export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** GETs a JSON document; throws ApiError on network failure, an error status or a body that is not JSON. */
export async function getJson(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<unknown> {
  const url = buildUrl(path, query);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', `Cannot reach the server for ${path}: ${String(cause)}`, path);
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'invalid_json', `${path} answered with something that is not JSON`, path);
    }
  }
  if (!response.ok) {
    const parsed = parseErrorBody(body);
    const message = parsed?.message ?? (response.statusText || 'request failed');
    throw new ApiError(response.status, parsed?.code ?? `http_${response.status}`, `${message} (${path}, HTTP ${response.status})`, path);
  }
  return body;
}
