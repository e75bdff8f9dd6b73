import { resolve } from 'node:path';
import { z } from 'zod';
import type { FetchSettings } from '../travel/fetchBlocks.js';

/**
 * Where road travel times come from and how they are fetched, parsed once from the environment
 * (README "Road travel times"). Only read when a region's policy names a road provider.
 */
export interface TravelConfig extends FetchSettings {
  /** TRAVEL_PGROUTING_URL: postgres:// URL of the database holding the osm2pgrouting import. */
  pgroutingUrl: string | null;
  /** TRAVEL_PGROUTING_TABLE: the imported edge table (default `ways`; vertices `<table>_vertices_pgr`). */
  pgroutingTable: string;
  /** TRAVEL_OSRM_URL: base URL of an osrm-routed server, e.g. http://osrm:5000. */
  osrmUrl: string | null;
  /** TRAVEL_VALHALLA_URL: base URL of a Valhalla server, e.g. http://valhalla:8002. */
  valhallaUrl: string | null;
  /**
   * TRAVEL_CACHE: where the matrix caches live: `disk` (default; folders below), `redis` (the
   * queue's REDIS_URL, shared by every worker) or `off` (no cache; TRAVEL_CACHE_DIR=off too).
   */
  cache: 'disk' | 'redis' | 'off';
  /**
   * TRAVEL_CACHE_DIR: folder of the disk caches, one sub-folder per region; unset (null): the
   * region's output folder's `.travel-cache`.
   */
  cacheDir: string | null;
  /**
   * TRAVEL_CACHE_MAX_MB: the most one region's caches may hold (default 2048 MiB); past it the
   * least recently used pool tables are evicted, and a pool table larger than it is not cached.
   */
  cacheMaxBytes: number;
}

/** TRAVEL_CACHE_MAX_MB when unset: 2 GiB per region, room for a 10,000-outlet pool table (1.6 GB). */
export const DEFAULT_CACHE_MAX_MB = 2048;

/** A travel setting that cannot be used; the message names the variable and (non-secret) value. */
export class TravelConfigError extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = 'TravelConfigError';
  }
}

/** Variables that may hold a password. */
const SECRET_KEYS = new Set(['TRAVEL_PGROUTING_URL']);

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

const httpUrl = z
  .string()
  .trim()
  .url('must be a URL')
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL');

const travelEnvSchema = z.object({
  TRAVEL_PGROUTING_URL: z
    .string()
    .trim()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL')
    .optional(),
  TRAVEL_PGROUTING_TABLE: z
    .string()
    .trim()
    .regex(/^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/, 'must be a table name like ways or osm.ways')
    .default('ways'),
  TRAVEL_OSRM_URL: httpUrl.optional(),
  TRAVEL_VALHALLA_URL: httpUrl.optional(),
  TRAVEL_MAX_TABLE: integer(1, 10_000, 100),
  TRAVEL_CONCURRENCY: integer(1, 64, 4),
  TRAVEL_RETRIES: integer(0, 10, 2),
  TRAVEL_RETRY_BASE_MS: integer(0, 60_000, 500),
  TRAVEL_TIMEOUT_MS: integer(100, 600_000, 30_000),
  TRAVEL_CACHE: z.enum(['disk', 'redis', 'off'], 'must be disk, redis or off').default('disk'),
  TRAVEL_CACHE_DIR: z.string().trim().optional(),
  TRAVEL_CACHE_MAX_MB: integer(1, 1_048_576, DEFAULT_CACHE_MAX_MB),
});

/**
 * Parses the TRAVEL_* variables (empty counts as unset); throws TravelConfigError naming every
 * bad variable with its value (a URL that may hold a password shows as `<redacted>`).
 */
export function loadTravelConfig(env: NodeJS.ProcessEnv = process.env): TravelConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('TRAVEL_') && v !== undefined && v.trim() !== ''),
  );
  const parsed = travelEnvSchema.safeParse(present);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      const shown = SECRET_KEYS.has(key) ? '<redacted>' : JSON.stringify(env[key] ?? null);
      return { key, text: `${key}=${shown}: ${issue.message}` };
    });
    throw new TravelConfigError(
      `invalid travel configuration: ${messages.map((m) => m.text).join('; ')}`,
      messages[0]?.key ?? 'unknown',
    );
  }
  const e = parsed.data;
  const cache = e.TRAVEL_CACHE_DIR;
  return {
    pgroutingUrl: e.TRAVEL_PGROUTING_URL ?? null,
    pgroutingTable: e.TRAVEL_PGROUTING_TABLE,
    osrmUrl: e.TRAVEL_OSRM_URL ?? null,
    valhallaUrl: e.TRAVEL_VALHALLA_URL ?? null,
    maxTable: e.TRAVEL_MAX_TABLE,
    concurrency: e.TRAVEL_CONCURRENCY,
    retries: e.TRAVEL_RETRIES,
    retryBaseMs: e.TRAVEL_RETRY_BASE_MS,
    timeoutMs: e.TRAVEL_TIMEOUT_MS,
    cache: cache === 'off' ? 'off' : e.TRAVEL_CACHE,
    cacheDir: cache === undefined || cache === 'off' ? null : resolve(cache),
    cacheMaxBytes: e.TRAVEL_CACHE_MAX_MB * 1024 * 1024,
  };
}
