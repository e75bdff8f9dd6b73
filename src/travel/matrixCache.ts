import { createHash } from 'node:crypto';

const FORMAT = 'territory-travel-cache';
const VERSION = 1;
/** Minutes (and km) stored for a pair the provider found no route for; NaN marks an unknown pair. */
const NO_ROUTE = -1;

interface CacheHeader {
  format: string;
  version: number;
  provider: string;
  profile: string;
  keys: string[];
  sha256: string;
}

/**
 * The cache key of a point: its coordinates rounded to 5 decimals (about a metre). The provider is
 * asked for the rounded point, so a cached value and a fresh one are the same number.
 */
export function pointCacheKey(lon: number, lat: number): string {
  return `${lon.toFixed(5)},${lat.toFixed(5)}`;
}

/** A pair's cached figures: unknown (never asked), no route, or km and minutes. */
export type CachedPair =
  { kind: 'unknown' } | { kind: 'no-route' } | { kind: 'route'; km: number; minutes: number };

/**
 * Road figures between rounded points of one provider and profile, serialised as one blob (a
 * file on disk or a Redis string, see travelCacheStore.ts): a JSON header line (format,
 * provider, profile, point keys, sha256 of the body) then km and minutes as n x n float64 arrays
 * in the machine's byte order. A blob that fails any check (unreadable header, other provider or
 * profile, wrong size, checksum mismatch) counts as corrupted: `fromBytes` starts empty and says
 * why in `problem`, and the next save rewrites it. `toBytes` keeps only the given keys, so the
 * blob stays the size of the pool that uses it (16 n^2 bytes for n points).
 */
export class MatrixCache {
  private keys: string[] = [];
  private readonly index = new Map<string, number>();
  private km = new Float64Array(0);
  private minutes = new Float64Array(0);
  private capacity = 0;
  /** Why the stored blob was not used (corrupted), or null. */
  problem: string | null = null;

  private constructor(
    readonly provider: string,
    readonly profile: string,
  ) {}

  /** A cache with nothing in it. */
  static empty(provider: string, profile: string): MatrixCache {
    return new MatrixCache(provider, profile);
  }

  /** Reads a stored blob (null: nothing stored, empty; corrupted: empty with `problem` set). */
  static fromBytes(bytes: Buffer | null, provider: string, profile: string): MatrixCache {
    const cache = new MatrixCache(provider, profile);
    if (bytes === null) return cache;
    try {
      cache.parse(bytes);
    } catch (error) {
      cache.problem = (error as Error).message;
      cache.reset([]);
    }
    return cache;
  }

  private parse(bytes: Buffer): void {
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) throw new Error('no header line');
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as CacheHeader;
    if (header.format !== FORMAT || header.version !== VERSION)
      throw new Error('not a version 1 travel cache');
    if (header.provider !== this.provider || header.profile !== this.profile)
      throw new Error(`holds ${header.provider}/${header.profile}, not ${this.provider}/${this.profile}`);
    const body = bytes.subarray(newline + 1);
    const n = header.keys.length;
    if (body.length !== 16 * n * n) throw new Error(`body of ${body.length} bytes, expected ${16 * n * n}`);
    if (createHash('sha256').update(body).digest('hex') !== header.sha256)
      throw new Error('checksum mismatch');
    this.reset(header.keys);
    const values = new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
    this.km.set(values.subarray(0, n * n));
    this.minutes.set(values.subarray(n * n));
  }

  private reset(keys: readonly string[]): void {
    this.keys = [...keys];
    this.index.clear();
    keys.forEach((k, i) => this.index.set(k, i));
    this.capacity = keys.length;
    this.km = new Float64Array(this.capacity * this.capacity).fill(NaN);
    this.minutes = new Float64Array(this.capacity * this.capacity).fill(NaN);
  }

  /** True when `key` has a slot. */
  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Makes room for `count` more keys at once (growing one doubling at a time can need 4x the memory). */
  reserve(count: number): void {
    const needed = this.keys.length + count;
    if (needed > this.capacity) this.grow(needed);
  }

  /** The cache's slot of `key`, adding it (all its pairs unknown) when new. */
  slot(key: string): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const i = this.keys.length;
    if (i >= this.capacity) this.grow(Math.max(16, this.capacity * 2));
    this.keys.push(key);
    this.index.set(key, i);
    return i;
  }

  private grow(capacity: number): void {
    const km = new Float64Array(capacity * capacity).fill(NaN);
    const minutes = new Float64Array(capacity * capacity).fill(NaN);
    for (let i = 0; i < this.keys.length; i++) {
      km.set(this.km.subarray(i * this.capacity, i * this.capacity + this.keys.length), i * capacity);
      minutes.set(
        this.minutes.subarray(i * this.capacity, i * this.capacity + this.keys.length),
        i * capacity,
      );
    }
    this.km = km;
    this.minutes = minutes;
    this.capacity = capacity;
  }

  /** The cached figures from slot i to slot j. */
  get(i: number, j: number): CachedPair {
    const at = i * this.capacity + j;
    const minutes = this.minutes[at] as number;
    if (Number.isNaN(minutes)) return { kind: 'unknown' };
    if (minutes === NO_ROUTE) return { kind: 'no-route' };
    return { kind: 'route', km: this.km[at] as number, minutes };
  }

  /** Records the provider's answer for slot i to slot j (NaN minutes: no route). */
  set(i: number, j: number, km: number, minutes: number): void {
    const at = i * this.capacity + j;
    const routed = Number.isFinite(minutes) && Number.isFinite(km);
    this.km[at] = routed ? km : NO_ROUTE;
    this.minutes[at] = routed ? minutes : NO_ROUTE;
  }

  /** The size toBytes(keep) will have, without building it (16 n^2 bytes plus the header). */
  blobBytes(keep: readonly string[]): number {
    const header = this.header(keep, '0'.repeat(64));
    return Buffer.byteLength(`${JSON.stringify(header)}\n`) + 16 * keep.length * keep.length;
  }

  private header(keep: readonly string[], sha256: string): CacheHeader {
    return {
      format: FORMAT,
      version: VERSION,
      provider: this.provider,
      profile: this.profile,
      keys: [...keep],
      sha256,
    };
  }

  /** The blob holding the pairs among `keep` (keys of this cache). */
  toBytes(keep: readonly string[]): Buffer {
    const slots = keep.map((k) => this.slot(k));
    const n = slots.length;
    const values = new Float64Array(2 * n * n);
    slots.forEach((si, i) =>
      slots.forEach((sj, j) => {
        values[i * n + j] = this.km[si * this.capacity + sj] as number;
        values[n * n + i * n + j] = this.minutes[si * this.capacity + sj] as number;
      }),
    );
    const body = Buffer.from(values.buffer);
    const header = this.header(keep, createHash('sha256').update(body).digest('hex'));
    return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
  }
}
