import type { ApiRole } from '../config/apiTokens.js';
import { OPENAPI_COMPONENTS, ref } from './openApiComponents.js';

/** What one operation of the document says; `operation` adds security and the standard errors. */
interface OperationSpec {
  id: string;
  summary: string;
  description?: string;
  /** The role needed, or null: no token (an empty security requirement). */
  role: ApiRole | null;
  /** Names of shared path parameters (components.parameters), in path order. */
  params?: string[];
  query?: object[];
  body?: string;
  /** The success responses by status. */
  ok: Record<string, object>;
  /** Names of shared error responses (components.responses) by status. */
  errors?: Record<string, string>;
}

/**
 * One operation object: its parameters as references, the bearer security requirement listing
 * the role needed (OpenAPI 3.1 lets a requirement of an http scheme list role names), and 401 /
 * 403 for every operation that needs a token.
 */
function operation(spec: OperationSpec): object {
  const errors = { ...spec.errors, ...(spec.role === null ? {} : { 401: 'Unauthorized', 403: 'Forbidden' }) };
  return {
    operationId: spec.id,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.role === null ? [] : [{ bearer: [spec.role] }],
    parameters: [...(spec.params ?? []).map((p) => ref('parameters', p)), ...(spec.query ?? [])],
    ...(spec.body
      ? {
          requestBody: {
            required: false,
            description: 'Optional JSON; an empty body means `{}`.',
            content: { 'application/json': { schema: ref('schemas', spec.body) } },
          },
        }
      : {}),
    responses: {
      ...spec.ok,
      ...Object.fromEntries(Object.entries(errors).map(([status, name]) => [status, ref('responses', name)])),
    },
  };
}

const jsonOk = (description: string, schema: string, extra: object = {}) => ({
  200: { description, content: { 'application/json': { schema: ref('schemas', schema) } }, ...extra },
});

/** The success responses of a stored file: its bytes, ETag and caching, or 304. */
const fileOk = {
  200: {
    description:
      'The file, with its content type by extension (json, geo+json, csv and html in UTF-8, ...). Every GET also answers HEAD.',
    headers: {
      ETag: ref('headers', 'ETag'),
      'Cache-Control': ref('headers', 'CacheControl'),
      'Content-Location': ref('headers', 'ContentLocation'),
    },
    content: {
      'application/json': {},
      'application/geo+json': {},
      'text/csv': {},
      'text/html': {},
      'application/octet-stream': {},
    },
  },
  304: ref('responses', 'NotModified'),
};

const readErrors = { 400: 'BadRequest', 404: 'NotFound' };
const fileErrors = { ...readErrors, 500: 'Damaged' };
const bodyErrors = {
  400: 'BadRequest',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
};

/** POST /regions/{region}/rebuild and /resegment: queue a job of the region, 202 with its Location. */
function queueJobOperation(id: string, summary: string): object {
  return operation({
    id,
    summary,
    role: 'trigger',
    params: ['Region'],
    body: 'TriggerBody',
    ok: {
      202: {
        description: 'Queued; Location is the job.',
        headers: { Location: { schema: { type: 'string' } } },
        content: { 'application/json': { schema: ref('schemas', 'JobAccepted') } },
      },
    },
    errors: { ...bodyErrors, 422: 'Unprocessable', 503: 'ServiceUnavailable' },
  });
}

/** The operations by path; checked against the route table (ROUTES) in the tests. */
const paths = {
  '/healthz': {
    get: operation({
      id: 'getHealth',
      summary: 'Health of the API and its Redis',
      role: null,
      ok: {
        200: {
          description: 'Redis answers.',
          content: { 'application/json': { schema: ref('schemas', 'Health') } },
        },
        503: {
          description: 'Redis does not answer within API_REDIS_TIMEOUT_MS.',
          headers: { 'Retry-After': ref('headers', 'RetryAfter') },
          content: { 'application/json': { schema: ref('schemas', 'Health') } },
        },
      },
    }),
  },
  '/openapi.json': {
    get: operation({
      id: 'getOpenApi',
      summary: 'This document',
      role: null,
      ok: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': {} } } },
    }),
  },
  '/regions': {
    get: operation({
      id: 'listRegions',
      summary: 'Regions with input or published output',
      role: 'read',
      ok: jsonOk(
        'Each region with its current version and counts of versions, candidates and scenarios.',
        'RegionList',
      ),
    }),
  },
  '/regions/{region}/versions': {
    get: operation({
      id: 'listVersions',
      summary: "A region's versions, newest first, with status",
      role: 'read',
      params: ['Region'],
      ok: jsonOk('The versions (none before the first publish).', 'VersionList'),
      errors: readErrors,
    }),
  },
  '/regions/{region}/candidates': {
    get: operation({
      id: 'listCandidates',
      summary: 'Candidates waiting for approve or reject',
      role: 'read',
      params: ['Region'],
      ok: jsonOk('The pending candidates, newest first.', 'CandidateList'),
      errors: readErrors,
    }),
  },
  '/regions/{region}/scenarios': {
    get: operation({
      id: 'listScenarios',
      summary: "A region's scenarios with their versions",
      role: 'read',
      params: ['Region'],
      ok: jsonOk('The scenarios, by name, each with its versions newest first.', 'ScenarioList'),
      errors: readErrors,
    }),
  },
  '/regions/{region}/versions/{version}': {
    get: operation({
      id: 'getVersion',
      summary: "A version's status, manifest and files",
      role: 'read',
      params: ['Region', 'VersionRef'],
      ok: jsonOk('The version.', 'VersionDetail'),
      errors: { ...readErrors, 500: 'Damaged' },
    }),
  },
  '/regions/{region}/versions/{version}/files/{path}': {
    get: operation({
      id: 'getVersionFile',
      summary: 'A file of a version (plan.json, map.html, reps/R01.csv, ...)',
      description:
        'Only files listed in the manifest are served, checked against its size on every request and its sha256 when first served. Through `current` the answer is `no-cache` with Content-Location; by version name it is immutable.',
      role: 'read',
      params: ['Region', 'VersionRef', 'FilePath'],
      ok: fileOk,
      errors: fileErrors,
    }),
  },
  '/regions/{region}/scenarios/{scenario}/versions/{version}': {
    get: operation({
      id: 'getScenarioVersion',
      summary: "A scenario version's manifest and files",
      role: 'read',
      params: ['Region', 'Scenario', 'ScenarioVersionRef'],
      ok: jsonOk('The version (status scenario).', 'VersionDetail'),
      errors: { ...readErrors, 500: 'Damaged' },
    }),
  },
  '/regions/{region}/scenarios/{scenario}/versions/{version}/files/{path}': {
    get: operation({
      id: 'getScenarioVersionFile',
      summary: 'A file of a scenario version',
      description: 'As for a version of the region; `latest` is `no-cache` with Content-Location.',
      role: 'read',
      params: ['Region', 'Scenario', 'ScenarioVersionRef', 'FilePath'],
      ok: fileOk,
      errors: fileErrors,
    }),
  },
  '/regions/{region}/comparisons': {
    get: operation({
      id: 'listComparisons',
      summary: 'Stored comparisons (territory compare)',
      role: 'read',
      params: ['Region'],
      ok: jsonOk('The comparisons by slug with their files.', 'ComparisonList'),
      errors: readErrors,
    }),
  },
  '/regions/{region}/comparisons/{slug}/{file}': {
    get: operation({
      id: 'getComparisonFile',
      summary: 'compare.json or compare.html of a stored comparison',
      description:
        'ETag of the sha256 of the bytes as stored; `no-cache`, since re-running a comparison rewrites it.',
      role: 'read',
      params: ['Region', 'Slug', 'CompareFile'],
      ok: fileOk,
      errors: readErrors,
    }),
  },
  '/jobs': {
    get: operation({
      id: 'listJobs',
      summary: 'The newest jobs',
      role: 'read',
      query: [
        {
          name: 'region',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
        },
      ],
      ok: jsonOk('The jobs, newest first.', 'JobList'),
      errors: { 400: 'BadRequest', 503: 'ServiceUnavailable' },
    }),
  },
  '/jobs/{id}': {
    get: operation({
      id: 'getJob',
      summary: 'One job with its last 50 log lines',
      role: 'read',
      params: ['JobId'],
      ok: jsonOk('The job.', 'Job'),
      errors: { ...readErrors, 503: 'ServiceUnavailable' },
    }),
  },
  '/regions/{region}/rebuild': {
    post: queueJobOperation('rebuildRegion', 'Queue a rebuild of the region'),
  },
  '/regions/{region}/resegment': {
    post: queueJobOperation(
      'resegmentRegion',
      'Queue a resegment of the region (a candidate unless publish)',
    ),
  },
  '/regions/{region}/versions/{version}/approve': {
    post: operation({
      id: 'approveVersion',
      summary: 'Approve a candidate: verify it and make it current',
      role: 'approve',
      params: ['Region', 'VersionName'],
      body: 'ReviewBody',
      ok: jsonOk('Approved; status current, with from and to.', 'ReviewResult'),
      errors: { ...bodyErrors, 409: 'Conflict' },
    }),
  },
  '/regions/{region}/versions/{version}/reject': {
    post: operation({
      id: 'rejectVersion',
      summary: 'Reject a candidate',
      role: 'approve',
      params: ['Region', 'VersionName'],
      body: 'ReviewBody',
      ok: jsonOk('Rejected; status rejected, with the current version.', 'ReviewResult'),
      errors: { ...bodyErrors, 409: 'Conflict' },
    }),
  },
};

/**
 * The OpenAPI 3.1 document of the HTTP API, served at /openapi.json: every route of the route
 * table with its parameters, the role it needs as a bearer security requirement, its responses.
 */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'territory-worker API',
    version: '1',
    description:
      'Published versions, candidates, scenarios and comparisons of each region for review; approve and reject; rebuild and resegment jobs. Bearer tokens carry a role (read < trigger < approve). Every GET also answers HEAD. Errors are `{"error": "..."}` and never show server paths.',
  },
  paths,
  components: OPENAPI_COMPONENTS,
};
