import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRole } from '../config/apiTokens.js';
import type { ApiDeps } from './apiDeps.js';

/** One request as a route handler sees it. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  deps: ApiDeps;
  /** The request's method: GET, HEAD (which runs the GET route; node:http sends no body) or POST. */
  method: string;
  /** The path parameters, percent-decoded; a final `{path}` is the '/'-joined rest of the path. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The caller's role, or null on a route that needs no token. */
  role: ApiRole | null;
}

/** One operation of the HTTP API: what the route table, the router and /openapi.json agree on. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  /**
   * The path as an OpenAPI template, e.g. `/regions/{region}/versions/{version}`. A last segment
   * `{path}` takes the rest of the URL path, slashes included (`reps/R01.csv`).
   */
  path: string;
  /** The role a token needs (read < trigger < approve), or null: no token needed. */
  role: ApiRole | null;
  handle(context: RouteContext): Promise<void>;
}

/** Name of the path parameter that takes the rest of the URL path. */
export const REST_PARAM = 'path';
