/**
 * The one place the browser talks HTTP: every API call goes through `request`. An answer is read
 * as JSON (or kept as a file); an error answer `{ error: { code, message, details } }`
 * (docs/API.md) becomes an ApiError with a readable message and the body's details.
 */
import { isRecord } from '../../../core/checks';
import { CLIENT_ID_HEADER } from '../../../core/contract/index';
import type { FieldIssue } from '../../../core/estate-schema';
import type { Bilingual } from '../../../core/ledger-fields';
import { problemMessage, type ProblemParams } from '../../../core/problems';

export type QueryValue = string | number | undefined | null;

/**
 * The session's CSRF token (from sign-in or GET /api/auth/session), sent as `X-CSRF-Token` on every
 * state-changing request; the cookie alone would let another site's form act as the user.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * This tab's name for its writes (CLIENT_ID_HEADER): the changes they cause come back on GET
 * /api/events with it as `origin`, and this tab, which already holds the result, asks nothing again.
 * From getRandomValues, which (unlike randomUUID) also works on a plain-HTTP intranet address.
 */
export const CLIENT_ID = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Called when any call but sign-in answers 401: the session ended (expired, signed out elsewhere). */
let onSessionLost: ((error: ApiError) => void) | null = null;

export function setSessionLostHandler(handler: ((error: ApiError) => void) | null): void {
  onSessionLost = handler;
}

/** Sign-in answers 401 for a wrong password: that is the form's error, not a lost session. */
const SESSION_LOSS_EXEMPT = ['/api/auth/login'];

/**
 * The headers of a request: JSON, plus the CSRF token and this tab's client id on anything but GET.
 * @example requestHeaders('POST', true) // { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': '…', 'X-Atlas-Client': '…' }
 */
export function requestHeaders(method: RequestOptions['method'], hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if ((method ?? 'GET') !== 'GET') {
    if (csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
    headers[CLIENT_ID_HEADER] = CLIENT_ID;
  }
  return headers;
}

/** A failed API call: HTTP status (0 when the server could not be reached), the API's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;
  /** The server's own message without the path and status (what a form shows next to a field). */
  readonly serverMessage: string;
  /** `error.details` of the answer: overlaps, the current record of a conflict, a row report. */
  readonly details: unknown;
  /** `error.params`: what the code's wording needs (core/problems.ts). */
  readonly params: ProblemParams;

  constructor(
    status: number,
    code: string,
    message: string,
    path: string,
    extra: { serverMessage?: string; details?: unknown; params?: ProblemParams } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
    this.serverMessage = extra.serverMessage ?? message;
    this.details = extra.details;
    this.params = extra.params ?? {};
  }

  /**
   * The problem in the user's language, from its code and params; the server's English for a code
   * this client does not know. A bad request names each field in the user's language.
   */
  messageIn(language: keyof Bilingual): string {
    const fields = this.fieldIssues();
    if (this.code === 'invalid_request' && fields.length > 0) {
      return fields.map((issue) => problemMessage(issue.code, issue.params, language, issue.message)).join(language === 'zh' ? '；' : '; ');
    }
    return problemMessage(this.code, this.params, language, this.serverMessage);
  }

  /** The fields a 400 names (`details.fields`), each with its rule code and params. */
  fieldIssues(): FieldIssue[] {
    const fields = isRecord(this.details) ? this.details.fields : undefined;
    if (!Array.isArray(fields)) return [];
    return fields
      .filter(
        (f): f is FieldIssue => isRecord(f) && typeof f.field === 'string' && typeof f.code === 'string' && typeof f.message === 'string',
      )
      .map((f) => ({
        ...f,
        params: isRecord(f.params) ? (f.params as ProblemParams) : {},
      }));
  }
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

/** Progress of a large POST: the upload as a fraction, then the server's processing. */
export type UploadProgress = { phase: 'upload'; fraction: number } | { phase: 'processing' };

export interface RequestOptions {
  /** GET unless given. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Reports the upload of a large body (then the request goes by XMLHttpRequest: fetch cannot report it). */
  onUploadProgress?(progress: UploadProgress): void;
}

/** A successful answer read as a file (an export) rather than JSON. */
export interface FileAnswer {
  blob: Blob;
  header(name: string): string | null;
}

/** What both transports hand back before the answer is interpreted. */
interface RawAnswer {
  status: number;
  statusText: string;
  text(): Promise<string>;
  blob(): Promise<Blob>;
  header(name: string): string | null;
}

function networkError(path: string, cause?: unknown): ApiError {
  const reason = cause === undefined ? '' : `: ${String(cause)}`;
  return new ApiError(0, 'network_error', `Cannot reach the server for ${path}${reason}`, path);
}

async function viaFetch(url: string, path: string, options: RequestOptions): Promise<RawAnswer> {
  const init: RequestInit = { headers: requestHeaders(options.method, options.body !== undefined), signal: options.signal };
  if (options.method && options.method !== 'GET') init.method = options.method;
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw networkError(path, cause);
  }
  return {
    status: response.status,
    statusText: response.statusText,
    text: () => response.text(),
    blob: () => response.blob(),
    header: (name) => response.headers.get(name),
  };
}

function viaXhr(url: string, path: string, options: RequestOptions, onProgress: (progress: UploadProgress) => void): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const method = options.method ?? 'POST';
    xhr.open(method, url);
    for (const [name, value] of Object.entries(requestHeaders(method, true))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress({ phase: 'upload', fraction: event.loaded / event.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(networkError(path));
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        text: () => Promise.resolve(xhr.responseText),
        blob: () => Promise.resolve(new Blob([xhr.responseText])),
        header: (name) => xhr.getResponseHeader(name),
      });
    xhr.send(JSON.stringify(options.body));
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Turns an error status into an ApiError carrying the body's code, message and details. */
async function failure(path: string, answer: RawAnswer): Promise<ApiError> {
  const parsed = parseJson(await answer.text().catch(() => ''));
  const body = parsed.ok ? parsed.value : null;
  const error = parseErrorBody(body);
  const serverMessage = error?.message ?? (answer.statusText || 'request failed');
  const details = isRecord(body) && isRecord(body.error) ? body.error.details : undefined;
  const params = isRecord(body) && isRecord(body.error) && isRecord(body.error.params) ? (body.error.params as ProblemParams) : {};
  return new ApiError(answer.status, error?.code ?? `http_${answer.status}`, `${serverMessage} (${path}, HTTP ${answer.status})`, path, {
    serverMessage,
    details,
    params,
  });
}

/**
 * Calls the API: JSON in, JSON out (null for an empty answer), or a file with `as: 'file'`.
 * Throws ApiError on network failure, an error status or a body that is not JSON; an abort
 * passes through unchanged so callers can ignore it.
 * @example await request('/api/estates', { query: { subdistrict: 'S01' } })
 */
export async function request(path: string, options?: RequestOptions & { as?: 'json' }): Promise<unknown>;
export async function request(path: string, options: RequestOptions & { as: 'file' }): Promise<FileAnswer>;
export async function request(path: string, options: RequestOptions & { as?: 'json' | 'file' } = {}): Promise<unknown> {
  const url = buildUrl(path, options.query);
  const answer = options.onUploadProgress ? await viaXhr(url, path, options, options.onUploadProgress) : await viaFetch(url, path, options);
  if (answer.status < 200 || answer.status >= 300) {
    const error = await failure(path, answer);
    if (answer.status === 401 && !SESSION_LOSS_EXEMPT.includes(path)) onSessionLost?.(error);
    throw error;
  }
  if (options.as === 'file') {
    const blob = await answer.blob();
    return { blob, header: answer.header } satisfies FileAnswer;
  }
  const parsed = parseJson(await answer.text());
  if (!parsed.ok) throw new ApiError(answer.status, 'invalid_json', `${path} answered with something that is not JSON`, path);
  return parsed.value;
}

/** GETs a JSON document (request with a query). */
export function getJson(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<unknown> {
  return request(path, { query, signal });
}

/** Whether a rejected call was cancelled by its AbortSignal (a component went away), not a failure to report. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
