import type { Response } from 'express';

/** A generated file (export, report) as an attachment that no cache keeps. */
export function sendFile(res: Response, file: { contentType: string; contentDisposition: string; body: Buffer }): void {
  res.set('Content-Type', file.contentType);
  res.set('Content-Disposition', file.contentDisposition);
  res.set('Cache-Control', 'no-store');
  res.send(file.body);
}
