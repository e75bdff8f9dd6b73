/**
 * A JSON Schema (2020-12) of the subset of OpenAPI 3.1 the API's document uses, written from the
 * OpenAPI 3.1.0 specification (no network): the document object, path items, operations,
 * parameters, request bodies, responses, headers, media types, components, http security schemes
 * and security requirements, each closed (additionalProperties false, `x-` extensions allowed)
 * so a misspelt field fails. Schema objects themselves are only required to be objects.
 */
const extensions = { '^x-': {} };
const refObject = {
  type: 'object',
  required: ['$ref'],
  properties: {
    $ref: { type: 'string', pattern: '^#/components/' },
    summary: { type: 'string' },
    description: { type: 'string' },
  },
  additionalProperties: false,
};
const orRef = (name: string) => ({ oneOf: [refObject, { $ref: `#/$defs/${name}` }] });
const mapOf = (schema: object) => ({ type: 'object', additionalProperties: schema });

export const OPENAPI_31_SUBSET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' } },
      patternProperties: extensions,
      additionalProperties: false,
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: { $ref: '#/$defs/pathItem' },
    },
    components: {
      type: 'object',
      properties: {
        schemas: mapOf({ type: ['object', 'boolean'] }),
        parameters: mapOf(orRef('parameter')),
        responses: mapOf(orRef('response')),
        headers: mapOf(orRef('header')),
        securitySchemes: mapOf({ $ref: '#/$defs/securityScheme' }),
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    security: { $ref: '#/$defs/security' },
  },
  patternProperties: extensions,
  additionalProperties: false,
  $defs: {
    pathItem: {
      type: 'object',
      properties: {
        summary: { type: 'string' },
        description: { type: 'string' },
        ...Object.fromEntries(
          ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].map((m) => [
            m,
            { $ref: '#/$defs/operation' },
          ]),
        ),
        parameters: { type: 'array', items: orRef('parameter') },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    operation: {
      type: 'object',
      required: ['responses'],
      properties: {
        operationId: { type: 'string' },
        summary: { type: 'string' },
        description: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        parameters: { type: 'array', items: orRef('parameter') },
        requestBody: orRef('requestBody'),
        responses: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
          additionalProperties: orRef('response'),
        },
        security: { $ref: '#/$defs/security' },
        deprecated: { type: 'boolean' },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    parameter: {
      type: 'object',
      required: ['name', 'in'],
      properties: {
        name: { type: 'string', minLength: 1 },
        in: { enum: ['query', 'header', 'path', 'cookie'] },
        description: { type: 'string' },
        required: { type: 'boolean' },
        deprecated: { type: 'boolean' },
        schema: { type: ['object', 'boolean'] },
        content: mapOf({ $ref: '#/$defs/mediaType' }),
        example: {},
      },
      // A path parameter must be required (OpenAPI 3.1.0, 4.8.12.1).
      if: { properties: { in: { const: 'path' } } },
      then: { required: ['required'], properties: { required: { const: true } } },
      oneOf: [
        { required: ['schema'], properties: { schema: true } },
        { required: ['content'], properties: { content: true } },
      ],
      patternProperties: extensions,
      additionalProperties: false,
    },
    requestBody: {
      type: 'object',
      required: ['content'],
      properties: {
        description: { type: 'string' },
        required: { type: 'boolean' },
        content: mapOf({ $ref: '#/$defs/mediaType' }),
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    response: {
      type: 'object',
      required: ['description'],
      properties: {
        description: { type: 'string' },
        headers: mapOf(orRef('header')),
        content: mapOf({ $ref: '#/$defs/mediaType' }),
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    header: {
      type: 'object',
      properties: {
        description: { type: 'string' },
        required: { type: 'boolean' },
        schema: { type: ['object', 'boolean'] },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    mediaType: {
      type: 'object',
      properties: { schema: { type: ['object', 'boolean'] }, example: {} },
      patternProperties: extensions,
      additionalProperties: false,
    },
    securityScheme: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] },
        description: { type: 'string' },
        scheme: { type: 'string' },
        bearerFormat: { type: 'string' },
      },
      if: { properties: { type: { const: 'http' } } },
      then: { required: ['scheme'], properties: { scheme: true } },
      patternProperties: extensions,
      additionalProperties: false,
    },
    security: { type: 'array', items: mapOf({ type: 'array', items: { type: 'string' } }) },
  },
};
