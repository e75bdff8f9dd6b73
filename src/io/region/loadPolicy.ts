import type { Policy } from '../../domain/policy/policySchema.js';
import { PolicyError, resolvePolicy } from '../../domain/policy/resolvePolicy.js';
import { FatalInputError } from './fatalInputError.js';

/** Largest policy file accepted: the default policy is about 3 KB; anything this large is not a policy. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * Deepest nesting of objects and arrays a policy file may have. A real policy nests 5 levels
 * (`segmentation.rules[].minVolume.percentile`); a bound keeps a hostile file from exhausting the
 * stack in JSON.parse, the merge or the schema, where the error could not name the file.
 */
export const MAX_POLICY_DEPTH = 32;

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
 * Deepest `{`/`[` nesting of JSON text, counted without recursion (strings skipped), stopping as
 * soon as `limit` is passed; returns the depth reached (at most limit + 1).
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, honouring backslash escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Parses a policy file (`policy.json` or `--policy`): at most MAX_POLICY_BYTES, nested at most
 * MAX_POLICY_DEPTH levels, valid JSON, and a JSON object (`null`, an array or a number is not a
 * policy, and is refused rather than ignored). Every refusal is a FatalInputError naming the file.
 */
export function parsePolicyFile(bytes: Uint8Array, path: string): Record<string, unknown> {
  if (bytes.byteLength > MAX_POLICY_BYTES) {
    throw new FatalInputError(
      `${path}: the policy file is ${bytes.byteLength} bytes, more than the ${MAX_POLICY_BYTES} bytes a policy may have`,
      path,
    );
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (jsonDepth(text, MAX_POLICY_DEPTH) > MAX_POLICY_DEPTH) {
    throw new FatalInputError(
      `${path}: the policy nests objects or arrays more than ${MAX_POLICY_DEPTH} levels deep; a policy needs at most 5`,
      path,
    );
  }
  const value = parseJsonFile(bytes, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new FatalInputError(
      `${path}: a policy must be a JSON object ({...}), got ${what}; delete the file to use the defaults`,
      path,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Resolves the effective policy: built-in defaults, then the region's `policy.json`, then the
 * `--policy` file (each may be absent: `overrides` null). A PolicyError becomes a FatalInputError
 * naming the file(s) and the offending key, so `territory validate` and `plan` print one clear line.
 */
export function resolveRegionPolicy(layers: ReadonlyArray<{ path: string; overrides: unknown }>): Policy {
  const present = layers.filter((layer) => layer.overrides !== null && layer.overrides !== undefined);
  const files = present.map((layer) => layer.path).join(', ') || 'built-in policy';
  try {
    return resolvePolicy(present.map((layer) => ({ source: layer.path, overrides: layer.overrides })));
  } catch (error) {
    if (error instanceof RangeError) {
      // Stack exhaustion despite the depth bound: still name the files.
      throw new FatalInputError(`${files}: the policy cannot be resolved (${error.message})`, files);
    }
    if (!(error instanceof PolicyError)) throw error;
    const named = present.some((layer) => error.message.includes(layer.path));
    throw new FatalInputError(
      named ? error.message : `${files}: ${error.message}`,
      error.source || files,
      error.key || undefined,
    );
  }
}
