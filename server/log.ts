/**
 * The one logger of the server: structured JSON lines on stdout (pino), one line per event, so an
 * intranet operator can grep them and a log shipper can parse them. Level from LOG_LEVEL.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger at `level`; synchronous, so the last lines before process.exit() are not lost. */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}
