import changesSchema from '../../../schemas/changes.schema.json' with { type: 'json' };
import manifestSchema from '../../../schemas/manifest.schema.json' with { type: 'json' };
import planSchema from '../../../schemas/plan.schema.json' with { type: 'json' };
import summarySchema from '../../../schemas/summary.schema.json' with { type: 'json' };

/**
 * The consumer contract: JSON Schemas (draft 2020-12) of the version files, bundled with the
 * program (imported, not read at run time) so every published version carries the schemas of
 * the program that wrote it, under schemas/ in the version folder.
 */
export const SCHEMAS = {
  'plan.json': planSchema,
  'summary.json': summarySchema,
  'changes.json': changesSchema,
  'manifest.json': manifestSchema,
} as const;

/** The version file each schema describes, and the schema's file name. */
export type SchemaTarget = keyof typeof SCHEMAS;

/** The schema files of a version: `schemas/<name>.schema.json`, pretty-printed. */
export function renderSchemaFiles(): Array<{ path: string; content: string }> {
  return Object.entries(SCHEMAS).map(([target, schema]) => ({
    path: `schemas/${target.replace(/\.json$/, '')}.schema.json`,
    content: `${JSON.stringify(schema, null, 2)}\n`,
  }));
}
