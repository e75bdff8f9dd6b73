import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, schemasDigest, VALIDATED_SCHEMAS } from './validatedSchemas.js';

// ajv ships standalone as CommonJS with `exports.default`; under NodeNext the default import is
// the module object.
const standaloneCode = (
  standaloneCodeModule as unknown as {
    default: (ajv: Ajv2020, refs: Readonly<Record<string, string>>) => string;
  }
).default;

/**
 * The source of a CommonJS module exporting one ajv validate function per schema (keyed by file
 * name) and `schemasDigest`. Compiling the five schemas costs about a quarter of a second at
 * start-up, a twelfth of a sample plan; the build writes this module once (ajv's "standalone
 * validation code") so a run loads generated code instead of generating it.
 */
export function renderStandaloneValidators(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: false } });
  const exportsByName: Record<string, string> = {};
  for (const [file, schema] of Object.entries(VALIDATED_SCHEMAS)) {
    ajv.addSchema(schema);
    exportsByName[file] = schema.$id;
  }
  const code = standaloneCode(ajv, exportsByName);
  return `${code}\nexports.schemasDigest = ${JSON.stringify(schemasDigest())};\n`;
}
