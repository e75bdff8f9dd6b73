import type { Policy } from '../../domain/policy/policySchema.js';
import { PolicyError, resolvePolicy } from '../../domain/policy/resolvePolicy.js';
import { FatalInputError } from './fatalInputError.js';

/** Parses a JSON file's bytes (a UTF-8 BOM is allowed), or throws a FatalInputError naming the file. */
export function parseJsonFile(bytes: Uint8Array, path: string): unknown {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FatalInputError(`${path}: invalid JSON (${(error as Error).message})`, path);
  }
}

/**
 * Resolves the effective policy: built-in defaults, then the region's `policy.json`, then the
 * `--policy` file (each may be absent). A PolicyError becomes a FatalInputError naming the file(s)
 * and the offending key, so `territory validate` and `plan` print one clear line.
 */
export function resolveRegionPolicy(layers: ReadonlyArray<{ path: string; overrides: unknown }>): Policy {
  const present = layers.filter((layer) => layer.overrides !== null && layer.overrides !== undefined);
  try {
    return resolvePolicy(present.map((layer) => ({ source: layer.path, overrides: layer.overrides })));
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const files = present.map((layer) => layer.path).join(', ') || 'built-in policy';
    const named = present.some((layer) => error.message.includes(layer.path));
    throw new FatalInputError(
      named ? error.message : `${files}: ${error.message}`,
      error.source || files,
      error.key || undefined,
    );
  }
}
