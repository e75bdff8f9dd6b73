/** One stored travel table: its name (one per provider, profile and pool) and size. */
export interface CachedTableInfo {
  name: string;
  bytes: number;
  /** When it was last read or written (the store's clock, ms); eviction drops the oldest first. */
  usedAt: number;
}

/**
 * Where the matrix caches of one region live between runs: a folder on disk (the default, in the
 * region's output folder: diskCacheStore) or Redis when several workers share one
 * (redisCacheStore). A store holds whole tables (MatrixCache blobs) by name; `evict` keeps the
 * total under a byte cap by dropping the least recently used tables first (ties: by name, so the
 * same state always evicts the same tables). Reads mark a table as used.
 */
export interface TravelCacheStore {
  readonly kind: 'disk' | 'redis';
  /** Where a table lives, for messages (a path, or a Redis key without credentials). */
  describe(name: string): string;
  /** The stored blob, or null when there is none. */
  read(name: string): Promise<Buffer | null>;
  /** Stores (replaces) a blob; a reader never sees half of one. */
  write(name: string, bytes: Buffer): Promise<void>;
  /** Every stored table, oldest use first (ties by name). */
  list(): Promise<CachedTableInfo[]>;
  /** Removes a table (no error when it is already gone). */
  remove(name: string): Promise<void>;
  /** Releases connections (Redis); a disk store holds none. */
  close(): Promise<void>;
}

/** What one eviction pass did. */
export interface EvictionResult {
  /** Tables removed, oldest use first. */
  evicted: string[];
  /** Bytes the store holds afterwards. */
  bytes: number;
}

/** Orders tables by last use, oldest first, then by name: the eviction order. */
export function byLeastRecentUse(a: CachedTableInfo, b: CachedTableInfo): number {
  return a.usedAt - b.usedAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Drops the least recently used tables of `store` until it holds at most `maxBytes` (tables just
 * written by this run are the most recent, so they go last; one larger than the cap alone is
 * never written, see roadMatrix).
 */
export async function evictToCap(store: TravelCacheStore, maxBytes: number): Promise<EvictionResult> {
  const tables = (await store.list()).sort(byLeastRecentUse);
  let bytes = tables.reduce((sum, t) => sum + t.bytes, 0);
  const evicted: string[] = [];
  for (const table of tables) {
    if (bytes <= maxBytes) break;
    await store.remove(table.name);
    bytes -= table.bytes;
    evicted.push(table.name);
  }
  return { evicted, bytes };
}
