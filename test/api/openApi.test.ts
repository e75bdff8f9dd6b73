import { rmSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../src/api/openApiDocument.js';
import { ROUTES } from '../../src/api/routeTable.js';
import { startTestApi, type TestApi } from './apiTestServer.js';
import { OPENAPI_31_SUBSET_SCHEMA } from './openApiSchema.js';
import { outputFixture, type OutputFixture } from './outputFixture.js';

interface Operation {
  operationId: string;
  security: Array<Record<string, string[]>>;
  parameters: Array<{ $ref: string } | { name: string; in: string }>;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc = JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

/** Every operation of the document as `METHOD path`. */
const operations = (): Array<{ key: string; path: string; op: Operation }> =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
  );

/** The object a `#/components/...` reference points at, or undefined. */
function resolveRef(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe('the OpenAPI document', () => {
  test('is valid against the OpenAPI 3.1 subset schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(OPENAPI_31_SUBSET_SCHEMA);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  test('the subset schema rejects what it should (it can fail)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(OPENAPI_31_SUBSET_SCHEMA);
    const broken = JSON.parse(JSON.stringify(doc)) as typeof doc;
    (broken.paths['/regions']!.get as unknown as Record<string, unknown>).responses = {};
    expect(validate(broken)).toBe(false);
    expect(validate({ ...doc, openapi: '3.0.3' })).toBe(false);
    const param = doc.components.parameters!.Region as Record<string, unknown>;
    expect(
      validate({
        ...doc,
        components: { ...doc.components, parameters: { Region: { ...param, required: false } } },
      }),
    ).toBe(false);
  });

  test('every $ref resolves and every schema in it compiles', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs.map((r) => r.slice(8, -1))) expect(resolveRef(ref), ref).toBeDefined();
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(doc, 'urn:tw:openapi');
    for (const name of Object.keys(doc.components.schemas!))
      expect(() => ajv.getSchema(`urn:tw:openapi#/components/schemas/${name}`), name).not.toThrow();
  });

  test('every route of the route table is in the document with its role, and nothing else is', () => {
    const routes = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(routes);
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      expect(op.security, route.path).toEqual(route.role === null ? [] : [{ bearer: [route.role] }]);
      if (route.role !== null) {
        expect(op.responses['401']?.$ref).toBe('#/components/responses/Unauthorized');
        expect(op.responses['403']?.$ref).toBe('#/components/responses/Forbidden');
      }
    }
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("each operation declares exactly its path's template parameters", () => {
    for (const { key, path, op } of operations()) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = op.parameters
        .map((p) => ('$ref' in p ? (resolveRef(p.$ref) as { name: string; in: string }) : p))
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, key).toEqual(inTemplate);
    }
  });
});

describe('GET /openapi.json and the answers it describes', () => {
  let fx: OutputFixture;
  let t: TestApi;

  beforeAll(async () => {
    fx = await outputFixture();
    t = await startTestApi({ regionsDir: fx.regionsDir, outDir: fx.outDir });
  });

  afterAll(async () => {
    await t?.stop();
    rmSync(fx.root, { recursive: true, force: true });
  });

  test('serves the document without a token', async () => {
    const reply = await t.call('GET', '/openapi.json', { as: null });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.json()).toEqual(doc);
  });

  test.each([
    ['/regions', 'RegionList'],
    ['/regions/alpha/versions', 'VersionList'],
    ['/regions/alpha/candidates', 'CandidateList'],
    ['/regions/alpha/scenarios', 'ScenarioList'],
    ['/regions/alpha/versions/current', 'VersionDetail'],
    ['/regions/alpha/scenarios/more-reps/versions/latest', 'VersionDetail'],
    ['/regions/alpha/comparisons', 'ComparisonList'],
    ['/regions/nowhere/versions', 'Error'],
  ])('GET %s answers as schema %s says', async (path, schema) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(doc, 'urn:tw:openapi');
    const validate = ajv.getSchema(`urn:tw:openapi#/components/schemas/${schema}`)!;
    const body = (await t.call('GET', path)).json();
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  });
});
