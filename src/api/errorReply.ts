import { realpathSync } from 'node:fs';
import { InvalidRegionNameError, RegionNotFoundError } from '../config/regionPaths.js';
import { VersionDamagedError, VersionNotFoundError } from '../io/publish/publishVersion.js';
import { ReviewError } from '../io/publish/review.js';
import { RedisUnavailableError } from '../queue/redisDeadline.js';
import { DamagedOutputError } from './damagedOutputError.js';
import { HttpError } from './httpError.js';

/** The HTTP status a failed request answers with, by the error it failed with (500 for the unexpected). */
export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof InvalidRegionNameError) return 400;
  if (error instanceof RegionNotFoundError) return 404;
  if (error instanceof RedisUnavailableError) return 503;
  if (error instanceof VersionNotFoundError) return 404;
  if (error instanceof ReviewError || error instanceof VersionDamagedError) return 409;
  return 500;
}

/**
 * The message a client sees: never the server's folders. Region lookups answer with the name
 * only, a damaged published file with the version and file name; any other message has the
 * server's folders (`roots`, as configured and resolved) cut out; other 500s say only
 * `internal error`.
 */
export function publicMessage(error: unknown, status: number, roots: readonly string[]): string {
  if (error instanceof DamagedOutputError) return error.message;
  if (status === 500) return 'internal error';
  if (status === 503) return 'Redis is unavailable; retry later';
  if (error instanceof RegionNotFoundError) return `unknown region "${error.region}"`;
  if (error instanceof VersionNotFoundError) return `unknown version "${error.version}"`;
  if (error instanceof VersionDamagedError)
    return `version ${error.version} does not match its manifest checksums; it cannot be made current`;
  let message = (error as Error).message;
  for (const root of roots) {
    message = message.split(`${root}/`).join('').split(root).join('<regions>');
  }
  return message;
}

/** A folder as configured and as resolved (symlinks), for publicMessage to cut out. */
export function folderSpellings(dir: string): string[] {
  const spellings = new Set([dir.replace(/\/+$/, '')]);
  try {
    spellings.add(realpathSync(dir));
  } catch {
    // A missing folder has only its configured spelling.
  }
  return [...spellings].filter((s) => s.length > 1);
}
