import { readFileSync } from 'node:fs';

/** The program's version from package.json, stamped into manifests. */
export const PROGRAM_VERSION: string = (() => {
  // Works from src/app (tsx) and dist/src/app (compiled): walk up to the package root.
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'territory-worker' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
})();
