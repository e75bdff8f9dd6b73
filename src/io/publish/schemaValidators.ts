import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { AJV_OPTIONS, schemasDigest, VALIDATED_SCHEMAS, type ValidatedFile } from './validatedSchemas.js';

/**
 * Where the build writes the precompiled validators: `dist/schema-validators.cjs` beside the
 * compiled `dist/src/`. Run from the sources (tsx, vitest) the path does not exist and the
 * schemas are compiled at run time instead.
 */
export const PRECOMPILED_VALIDATORS_FILE = fileURLToPath(
  new URL('../../../schema-validators.cjs', import.meta.url),
);

const require = createRequire(import.meta.url);

type ValidatorSet = Readonly<Record<ValidatedFile, ValidateFunction>>;

let validators: ValidatorSet | null = null;

/**
 * Loads a precompiled validator module when it exists and was compiled from these very schemas;
 * null otherwise (absent, or stale after a schema edit without a rebuild).
 */
export function loadPrecompiledValidators(file: string): ValidatorSet | null {
  if (!existsSync(file)) return null;
  const loaded = require(file) as Partial<Record<string, unknown>>;
  if (loaded.schemasDigest !== schemasDigest()) return null;
  const set: Partial<Record<ValidatedFile, ValidateFunction>> = {};
  for (const name of Object.keys(VALIDATED_SCHEMAS) as ValidatedFile[]) {
    const validate = loaded[name];
    if (typeof validate !== 'function') return null;
    set[name] = validate as ValidateFunction;
  }
  return set as ValidatorSet;
}

/**
 * Compiles every schema with ajv now (the path taken from the sources). ajv's compiler is loaded
 * only here, so a run with precompiled validators never loads it.
 */
export function compileValidators(): ValidatorSet {
  const ajvModule = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const ajv = new ajvModule.Ajv2020(AJV_OPTIONS);
  const set: Partial<Record<ValidatedFile, ValidateFunction>> = {};
  for (const [name, schema] of Object.entries(VALIDATED_SCHEMAS))
    set[name as ValidatedFile] = ajv.compile(schema);
  return set as ValidatorSet;
}

/** The validate function of one schema, built once per process (precompiled when possible). */
export function schemaValidator(file: ValidatedFile): ValidateFunction {
  validators ??= loadPrecompiledValidators(PRECOMPILED_VALIDATORS_FILE) ?? compileValidators();
  return validators[file];
}
