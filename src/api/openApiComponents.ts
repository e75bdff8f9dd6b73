import { MAX_REP_GROUPS } from '../domain/pipeline/splitUnits.js';

/** A `$ref` to a component of the OpenAPI document. */
export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

const json = (schema: object) => ({ 'application/json': { schema } });
const nullable = (type: string) => ({ type: [type, 'null'] });
const versionName = { type: 'string', pattern: '^\\d{8}T\\d{6}Z-[0-9a-f]{8}(-\\d+)?$' };
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };

const pathParameter = (name: string, description: string, schema: object) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

const errorResponse = (description: string, extra: object = {}) => ({
  description,
  content: json(ref('schemas', 'Error')),
  ...extra,
});

/** Shared parameters of the OpenAPI document. */
const parameters = {
  Region: pathParameter('region', 'Region name (1-64 of a-z, 0-9 and -).', {
    type: 'string',
    pattern: '^[a-z0-9-]{1,64}$',
  }),
  VersionRef: pathParameter(
    'version',
    '`current`, or a version name of the region (published, candidate or rejected).',
    {
      anyOf: [{ const: 'current' }, versionName],
    },
  ),
  VersionName: pathParameter('version', 'A version name of the region.', versionName),
  Scenario: pathParameter(
    'scenario',
    'Scenario name (1-64 of a-z, 0-9 and -, starting with a letter or digit).',
    {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
    },
  ),
  ScenarioVersionRef: pathParameter(
    'version',
    "`latest` (the scenario's newest version), or one of its version names.",
    {
      anyOf: [{ const: 'latest' }, versionName],
    },
  ),
  FilePath: pathParameter(
    'path',
    "A file the version's manifest lists, '/'-separated, e.g. `plan.json`, `map.html`, `reps/R01.csv`; it spans the rest of the URL path. Any other path, and any `.`, `..`, empty, NUL or encoded-slash part, is refused.",
    { type: 'string', minLength: 1 },
  ),
  Slug: pathParameter('slug', 'The stored comparison (its folder under compare/).', {
    type: 'string',
    pattern: '^[A-Za-z0-9-]{1,200}$',
  }),
  CompareFile: pathParameter('file', 'The comparison file.', { enum: ['compare.json', 'compare.html'] }),
  JobId: pathParameter('id', 'Job id, e.g. `rebuild:kuiwen-sample:1767225600000-1a2b3c4d`.', {
    type: 'string',
    pattern: '^[A-Za-z0-9:_+-]{1,200}$',
  }),
};

const versionView = {
  type: 'object',
  required: [
    'version',
    'status',
    'current',
    'basedOn',
    'mode',
    'generatedAt',
    'publishedAt',
    'fileCount',
    'href',
  ],
  properties: {
    version: versionName,
    status: {
      description:
        'current (current points at it), candidate (waits for approve or reject), rejected, published (was current, or an approved candidate), scenario (a version of a scenario).',
      enum: ['current', 'candidate', 'rejected', 'published', 'scenario'],
    },
    current: { type: 'boolean' },
    basedOn: { description: 'The version current when the plan was made.', ...nullable('string') },
    mode: nullable('string'),
    generatedAt: nullable('string'),
    publishedAt: nullable('string'),
    programVersion: nullable('string'),
    inputHash: nullable('string'),
    fileCount: { description: 'How many files its manifest lists.', type: 'integer', minimum: 0 },
    href: { type: 'string' },
    error: { description: 'Set when its manifest cannot be read.', type: 'string' },
  },
};

const manifestFile = {
  type: 'object',
  required: ['path', 'size', 'sha256'],
  properties: { path: { type: 'string' }, size: { type: 'integer', minimum: 0 }, sha256 },
};

/** Shared schemas of the OpenAPI document. */
const schemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string', description: 'What went wrong; never a server path.' },
      requiredRole: {
        description: 'On 403: the role the route needs.',
        enum: ['read', 'trigger', 'approve'],
      },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'redis'],
    properties: { status: { enum: ['ok', 'degraded'] }, redis: { enum: ['up', 'down'] } },
  },
  RegionList: {
    type: 'object',
    required: ['regions'],
    properties: {
      regions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['region', 'input', 'current', 'versions', 'candidates', 'scenarios', 'href'],
          properties: {
            region: { type: 'string' },
            input: { description: 'The region has an input folder (it can be planned).', type: 'boolean' },
            current: nullable('string'),
            versions: { type: 'integer', minimum: 0 },
            candidates: { description: 'Candidates waiting for a decision.', type: 'integer', minimum: 0 },
            scenarios: { type: 'integer', minimum: 0 },
            href: { type: 'string' },
          },
        },
      },
    },
  },
  VersionView: versionView,
  VersionList: {
    type: 'object',
    required: ['region', 'current', 'versions'],
    properties: {
      region: { type: 'string' },
      current: nullable('string'),
      versions: { type: 'array', items: ref('schemas', 'VersionView') },
    },
  },
  CandidateList: {
    type: 'object',
    required: ['region', 'current', 'candidates'],
    properties: {
      region: { type: 'string' },
      current: nullable('string'),
      candidates: { type: 'array', items: ref('schemas', 'VersionView') },
    },
  },
  ScenarioList: {
    type: 'object',
    required: ['region', 'scenarios'],
    properties: {
      region: { type: 'string' },
      scenarios: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'versions', 'href'],
          properties: {
            name: { type: 'string' },
            versions: { type: 'array', items: ref('schemas', 'VersionView') },
            href: { type: 'string' },
          },
        },
      },
    },
  },
  VersionDetail: {
    description: 'A version as listed, its manifest, and its files with content types and URLs.',
    allOf: [
      ref('schemas', 'VersionView'),
      {
        type: 'object',
        required: ['region', 'files', 'manifest'],
        properties: {
          region: { type: 'string' },
          scenario: { type: 'string' },
          files: {
            type: 'array',
            items: {
              allOf: [
                manifestFile,
                {
                  type: 'object',
                  required: ['contentType', 'href'],
                  properties: { contentType: { type: 'string' }, href: { type: 'string' } },
                },
              ],
            },
          },
          manifest: {
            description: 'manifest.json as published (schemas/manifest.schema.json).',
            type: 'object',
            required: ['schemaVersion', 'version', 'region', 'files'],
            properties: { files: { type: 'array', items: manifestFile } },
          },
        },
      },
    ],
  },
  ComparisonList: {
    type: 'object',
    required: ['region', 'comparisons'],
    properties: {
      region: { type: 'string' },
      comparisons: {
        type: 'array',
        items: {
          type: 'object',
          required: ['slug', 'files'],
          properties: {
            slug: { type: 'string' },
            files: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'size', 'modifiedAt', 'href'],
                properties: {
                  path: { enum: ['compare.json', 'compare.html'] },
                  size: { type: 'integer' },
                  modifiedAt: { type: 'string' },
                  href: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  },
  TriggerBody: {
    type: 'object',
    additionalProperties: false,
    properties: {
      force: { description: 'Plan even when inputs and policy are unchanged.', type: 'boolean' },
      seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      split: { description: 'Plan as one child job per pool.', type: 'boolean' },
      groups: {
        description: 'With split: rep groups per pool.',
        type: 'integer',
        minimum: 1,
        maximum: MAX_REP_GROUPS,
      },
      publish: { description: 'Publish directly instead of as a candidate.', type: 'boolean' },
    },
  },
  JobAccepted: {
    type: 'object',
    required: ['jobId', 'region', 'kind', 'status'],
    properties: {
      jobId: { type: 'string' },
      region: { type: 'string' },
      kind: { enum: ['rebuild', 'resegment'] },
      status: { description: 'URL path of the job.', type: 'string' },
    },
  },
  Job: {
    type: 'object',
    required: ['id', 'name', 'state'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      region: nullable('string'),
      state: { type: 'string' },
      trigger: nullable('string'),
      force: { type: 'boolean' },
      attemptsMade: { type: 'integer' },
      attempts: { type: 'integer' },
      createdAt: { type: 'string' },
      startedAt: nullable('string'),
      finishedAt: nullable('string'),
      durationMs: nullable('number'),
      result: nullable('object'),
      error: nullable('string'),
      logs: { type: 'array', items: { type: 'string' } },
    },
  },
  JobList: {
    type: 'object',
    required: ['jobs'],
    properties: { jobs: { type: 'array', items: ref('schemas', 'Job') } },
  },
  ReviewBody: {
    type: 'object',
    additionalProperties: false,
    properties: {
      by: {
        description: 'Who decides (audit log); default `api`.',
        type: 'string',
        minLength: 1,
        maxLength: 200,
      },
      note: { description: 'Note for the audit log.', type: 'string', maxLength: 2000 },
    },
  },
  ReviewResult: {
    type: 'object',
    required: ['region', 'version', 'status'],
    properties: {
      region: { type: 'string' },
      version: versionName,
      status: { enum: ['current', 'rejected'] },
      from: nullable('string'),
      to: { type: 'string' },
      current: nullable('string'),
      notice: {
        type: 'string',
        description:
          'Approve of a candidate promoted from a scenario whose policy or reps differ from the region inputs: the next rebuild plans from the region files and undoes them.',
      },
    },
  },
};

/** Shared responses of the OpenAPI document. */
const responses = {
  BadRequest: errorResponse('Malformed name, parameter, path or body.'),
  Unauthorized: errorResponse('No bearer token, or an unknown one.', {
    headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
  }),
  Forbidden: errorResponse("The token's role is below the route's; `requiredRole` names the role needed."),
  NotFound: errorResponse('Unknown region, version, scenario, comparison, file or job.'),
  Conflict: errorResponse(
    'The version cannot be approved or rejected (rejected, not a pending candidate, stale or damaged).',
  ),
  PayloadTooLarge: errorResponse('The body is over API_BODY_LIMIT_BYTES.'),
  UnsupportedMediaType: errorResponse('The body is not application/json.'),
  Unprocessable: errorResponse("A split was asked for, but the region's policy cannot be read."),
  Damaged: errorResponse(
    'The stored file does not match its manifest (or the manifest cannot be read); nothing is sent.',
  ),
  ServiceUnavailable: errorResponse('Redis is unavailable; retry later.', {
    headers: { 'Retry-After': ref('headers', 'RetryAfter') },
  }),
  NotModified: {
    description: 'If-None-Match names the current ETag: the copy the client has is current.',
    headers: { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl') },
  },
};

/** Shared headers of the OpenAPI document. */
const headers = {
  ETag: {
    description: 'The file\'s sha256 as a strong entity tag: `"<sha256>"`.',
    schema: { type: 'string' },
  },
  CacheControl: {
    description:
      'Files of a version named in the URL: `private, max-age=31536000, immutable`; through `current` or `latest`, and comparisons: `private, no-cache`.',
    schema: { type: 'string' },
  },
  ContentLocation: {
    description: 'Through `current` or `latest`: the URL of the same file by version name.',
    schema: { type: 'string' },
  },
  RetryAfter: { description: 'Seconds to wait.', schema: { type: 'integer' } },
};

/** The components of the OpenAPI document: the bearer scheme, parameters, schemas, responses, headers. */
export const OPENAPI_COMPONENTS = {
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A token of API_TOKENS / API_TOKENS_FILE with its role (API_TOKEN: role approve). Roles are ordered read < trigger < approve; each operation lists the role it needs.',
    },
  },
  parameters,
  schemas,
  responses,
  headers,
};
