import { createHash } from 'node:crypto';
import type { Options } from 'ajv/dist/2020.js';
import compareSchema from '../../../schemas/compare.schema.json' with { type: 'json' };
import { SCHEMAS } from '../artifacts/schemas.js';

/** Every JSON Schema the program validates against, by the file it describes. */
export const VALIDATED_SCHEMAS = { ...SCHEMAS, 'compare.json': compareSchema } as const;

/** A file that has a schema: the version files and compare.json. */
export type ValidatedFile = keyof typeof VALIDATED_SCHEMAS;

/**
 * Formats are annotations here (the schemas also carry patterns for dates), so the runtime needs
 * no ajv-formats; tests validate formats too. allErrors: a refusal lists every problem at once.
 */
export const AJV_OPTIONS: Options = { allErrors: true, validateFormats: false };

/**
 * Digest of the schemas the validators were compiled from: a precompiled module whose digest
 * differs (schemas edited since the last build) is ignored, never trusted.
 */
export function schemasDigest(): string {
  return createHash('sha256').update(JSON.stringify(VALIDATED_SCHEMAS)).digest('hex');
}
