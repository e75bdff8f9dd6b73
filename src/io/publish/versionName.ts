/** A version folder name: UTC timestamp of the plan, first 8 hex digits of the input hash, optional -N. */
export const VERSION_PATTERN = /^(\d{8}T\d{6}Z)-([0-9a-f]{8})(?:-(\d+))?$/;

/**
 * The base version name of a plan, e.g. `20261122T021500Z-1a2b3c4d`: sortable by plan time and
 * recognisable by input. Throws when generatedAt is not a valid date or the hash is not hex.
 */
export function baseVersionName(generatedAt: string, inputHash: string): string {
  const time = new Date(generatedAt);
  if (Number.isNaN(time.getTime()))
    throw new Error(`version name: plan.generatedAt "${generatedAt}" is not a date`);
  const hash = inputHash.slice(0, 8).toLowerCase();
  if (!/^[0-9a-f]{8}$/.test(hash))
    throw new Error(`version name: plan.inputHash "${inputHash}" is not a hex digest`);
  const stamp = time
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${hash}`;
}

/** The n-th name for a base (n = 1 is the base itself), used when two plans share a second and hash. */
export function numberedVersionName(base: string, n: number): string {
  return n <= 1 ? base : `${base}-${n}`;
}

/** True for folder names that are versions (anything else under versions/ is ignored). */
export function isVersionName(name: string): boolean {
  return VERSION_PATTERN.test(name);
}

/** Orders versions oldest first: by plan time, then hash, then the numeric -N suffix. */
export function compareVersionNames(a: string, b: string): number {
  const ma = VERSION_PATTERN.exec(a);
  const mb = VERSION_PATTERN.exec(b);
  if (!ma || !mb) return a < b ? -1 : a > b ? 1 : 0;
  const key = (m: RegExpExecArray): [string, number] => [`${m[1]}-${m[2]}`, Number(m[3] ?? 1)];
  const [ba, na] = key(ma);
  const [bb, nb] = key(mb);
  return ba < bb ? -1 : ba > bb ? 1 : na - nb;
}
