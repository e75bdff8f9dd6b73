import type { LonLat } from '../domain/types.js';

/**
 * One block of a travel table: `sources.length` rows x `targets.length` columns, row-major. NaN
 * means the provider found no route for that pair (OSRM and Valhalla answer null, pgRouting
 * finds no path).
 */
export interface TableBlock {
  km: Float64Array;
  minutes: Float64Array;
}

/** What a road provider is called with for one block. */
export interface TableRequest {
  sources: readonly LonLat[];
  targets: readonly LonLat[];
  /** Aborts the request when its time is up (TRAVEL_TIMEOUT_MS). */
  signal: AbortSignal;
  /** Names the block in errors, e.g. `block 3 (100x100)`. */
  label: string;
}

/**
 * A road-network travel service, VROOM-style: one implementation per file (pgroutingProvider,
 * osrmProvider, valhallaProvider), each answering a sources x targets block in its own API.
 * Chunking, the concurrency limit, retries and the cache live in fetchBlocks and roadMatrix, so a
 * provider only translates one request. Errors are TravelOutageError (retry may help) or
 * TravelRequestError (it cannot); a TableTooBigError makes the caller split the block.
 */
export interface RoadProvider {
  readonly name: 'pgrouting' | 'osrm' | 'valhalla';
  readonly profile: string;
  /** Where it answers, without credentials, for messages. */
  readonly endpoint: string;
  /**
   * Targets one request may carry when the service itself has no table limit (pgRouting: its
   * work grows with the sources, not the targets, so cutting the targets only repeats it);
   * absent: TRAVEL_MAX_TABLE, like the sources.
   */
  readonly maxTargets?: number;
  table(request: TableRequest): Promise<TableBlock>;
  /** Releases connections (pgRouting's pool); HTTP providers hold none. */
  close(): Promise<void>;
}
