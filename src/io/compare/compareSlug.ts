import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Folder of a region's output folder that holds the comparisons `territory compare` writes. */
export const COMPARE_DIR = 'compare';

/** What a comparison folder name looks like (safe in paths and URLs). */
export const COMPARE_SLUG_PATTERN = /^[A-Za-z0-9-]{1,200}$/;

/** True when `slug` is of the form compareSlug produces (the HTTP API checks names with it). */
export function isCompareSlug(slug: string): boolean {
  return COMPARE_SLUG_PATTERN.test(slug);
}

/**
 * The folder name of a comparison of plan references: each reference as it reads (`current`, a
 * version name), `scenario:NAME` as `scenario-NAME`, `/` as `-`, joined by `--`, e.g.
 * `current--scenario-add-rep`. A name longer than 200 characters keeps its first 183 and ends
 * in `-` and 16 hex digits of its sha256, so every list of references has one stable folder.
 * Throws when a reference has characters no plan reference has (resolve references first).
 */
export function compareSlug(refs: readonly string[]): string {
  if (refs.length === 0) throw new Error('compare slug: no plan references');
  const slug = refs.map((ref) => ref.replace(/^scenario:/, 'scenario-').replace(/\//g, '-')).join('--');
  if (!/^[A-Za-z0-9-]+$/.test(slug))
    throw new Error(
      `compare slug: ${JSON.stringify(slug.slice(0, 80))} has characters other than A-Z, a-z, 0-9 and -`,
    );
  if (slug.length <= 200) return slug;
  return `${slug.slice(0, 183)}-${createHash('sha256').update(slug).digest('hex').slice(0, 16)}`;
}

/** Where `territory compare` writes a comparison by default: `<regionOut>/compare/<slug>`. */
export function compareOutDir(regionOutDir: string, refs: readonly string[]): string {
  return join(resolve(regionOutDir), COMPARE_DIR, compareSlug(refs));
}
