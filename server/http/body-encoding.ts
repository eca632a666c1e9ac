import type { RequestHandler } from 'express';

/**
 * Content-Encodings a request body may have. express.json() would also inflate br and zstd; they
 * are refused because no client of this API sends them and each decoder is more attack surface.
 */
const ACCEPTED_ENCODINGS = new Set(['identity', 'gzip', 'deflate']);

/** Refuses other encodings with the error express.json() gives for one it does not know (415, error-handler.ts). */
export const acceptedBodyEncoding: RequestHandler = (req, _res, next) => {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (ACCEPTED_ENCODINGS.has(encoding)) return next();
  next(Object.assign(new Error(`unsupported content encoding "${encoding}"`), { status: 415, type: 'encoding.unsupported', encoding }));
};
