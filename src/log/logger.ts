import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object: tokens, passwords, authorization
 * headers and connection URLs never reach the logs.
 */
export const REDACTED_PATHS = [
  'apiToken',
  'apiTokens',
  'token',
  'password',
  'redisUrl',
  'authorization',
  '*.apiToken',
  '*.apiTokens',
  '*.token',
  '*.password',
  '*.redisUrl',
  '*.authorization',
  'req.headers.authorization',
  'headers.authorization',
  'config.apiToken',
  'config.apiTokens',
  'config.redisUrl',
];

/**
 * Creates the process logger: pino JSON lines on stdout with the process role and pid, secrets
 * redacted. Job-scoped lines use `logger.child({ jobId, region })` so every line of a job carries both.
 */
export function createLogger(
  options: { level: string; role: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { role: options.role, pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
