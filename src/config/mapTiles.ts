/**
 * The optional basemap of map.html: a deployment that runs its own tile server sets
 * `MAP_TILE_URL` (and `MAP_TILE_ATTRIBUTION`), and the published map draws those tiles under the
 * territories. Without it the map makes no network request at all.
 */
export interface MapTiles {
  /** An http(s) URL template with `{z}`, `{x}` and `{y}`, e.g. `https://tiles.example/{z}/{x}/{y}.png`. */
  url: string;
  /** Credit line shown on the map (e.g. `© OpenStreetMap contributors`), or null. */
  attribution: string | null;
}

/** Longest accepted `MAP_TILE_ATTRIBUTION`. */
export const MAX_TILE_ATTRIBUTION = 200;

/**
 * What is wrong with a tile URL template, or null when it is usable: it must be an absolute
 * http:// or https:// URL, contain `{z}`, `{x}` and `{y}` each once in its path or query, and
 * no placeholder in its scheme, host or port (the page's Content-Security-Policy allows exactly
 * that one origin) and no other `{...}` placeholder.
 */
export function tileUrlProblem(template: string): string | null {
  for (const key of ['{z}', '{x}', '{y}']) {
    const count = template.split(key).length - 1;
    if (count !== 1) return `must contain ${key} exactly once`;
  }
  const other = template.replace(/\{[zxy]\}/g, '').match(/\{[^}]*\}/);
  if (other) return `unknown placeholder ${other[0]} (only {z}, {x} and {y})`;
  const probe = template.replace(/\{[zxy]\}/g, '0');
  if (!URL.canParse(probe)) return 'must be an absolute http:// or https:// URL';
  const url = new URL(probe);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'must be an absolute http:// or https:// URL';
  if (url.username || url.password) return 'must not contain credentials';
  const authority = /^https?:\/\/([^/?#]*)/i.exec(template.trim())?.[1] ?? '';
  if (/[{}]/.test(authority)) return 'placeholders may only appear after the host';
  return null;
}

/** The origin (`https://host:port`) tiles are fetched from, for the page's Content-Security-Policy. */
export function tileOrigin(template: string): string {
  return new URL(template.replace(/\{[zxy]\}/g, '0')).origin;
}
