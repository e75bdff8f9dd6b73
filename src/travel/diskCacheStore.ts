import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CachedTableInfo, TravelCacheStore } from './travelCacheStore.js';

const SUFFIX = '.bin';

/**
 * Matrix caches as `<name>.bin` files in `dir` (README "Road travel times"): a write goes to a
 * temporary file renamed over the old one, so a killed run leaves the previous table; a read
 * sets the file's modification time to `now()`, which is the last use eviction goes by. Files
 * of other kinds in the folder are left alone.
 */
export function diskCacheStore(dir: string, now: () => number = Date.now): TravelCacheStore {
  const path = (name: string): string => join(dir, `${name}${SUFFIX}`);
  return {
    kind: 'disk',
    describe: path,
    async read(name) {
      try {
        const bytes = await readFile(path(name));
        const at = new Date(now());
        await utimes(path(name), at, at);
        return bytes;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, bytes) {
      await mkdir(dir, { recursive: true });
      const temporary = `${path(name)}.${process.pid}.tmp`;
      await writeFile(temporary, bytes);
      const at = new Date(now());
      await utimes(temporary, at, at);
      await rename(temporary, path(name));
    },
    async list() {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      const tables: CachedTableInfo[] = [];
      for (const file of names.filter((f) => f.endsWith(SUFFIX))) {
        const info = await stat(join(dir, file)).catch(() => null);
        if (info !== null)
          tables.push({ name: file.slice(0, -SUFFIX.length), bytes: info.size, usedAt: info.mtimeMs });
      }
      return tables;
    },
    remove: (name) => rm(path(name), { force: true }),
    close: () => Promise.resolve(),
  };
}
