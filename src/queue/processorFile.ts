import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Path of the sandboxed processor file for BullMQ. Compiled (dist/src/queue -> dist/jobs/index.js)
 * it is plain JS; from TypeScript sources it is jobs/tsxProcessor.js, which registers tsx inside
 * the worker thread first.
 */
export function resolveProcessorFile(): string {
  const compiled = fileURLToPath(new URL('../../jobs/index.js', import.meta.url));
  if (existsSync(compiled)) return compiled;
  const fromSource = fileURLToPath(new URL('../../jobs/tsxProcessor.js', import.meta.url));
  if (existsSync(fromSource)) return fromSource;
  throw new Error(
    `no sandboxed processor found (looked for ${compiled} and ${fromSource}); run npm run build`,
  );
}
