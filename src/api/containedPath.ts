import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';

/**
 * The real path of `path` (symlinks resolved) when it exists and lies inside the real path of
 * `root` (or is `root` itself), else null: a symlink anywhere on the way that leads out of
 * `root` makes the path unreachable, as does a missing file.
 */
export async function realPathInside(root: string, path: string): Promise<string | null> {
  let realRoot: string;
  let real: string;
  try {
    [realRoot, real] = await Promise.all([realpath(root), realpath(path)]);
  } catch {
    return null;
  }
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? real : null;
}
