import { HttpError } from './httpError.js';
import { REST_PARAM, type ApiRoute } from './route.js';

/** What a request path and method find in the route table. */
export type RouteMatch =
  | { kind: 'route'; route: ApiRoute; rawParams: Record<string, string[]> }
  | { kind: 'wrong-method'; allow: string[]; public: boolean }
  | { kind: 'none' };

/**
 * The raw (still percent-encoded) segments of a request target, and its query. The path is not
 * normalised (a `URL` would resolve `..` and `%2e%2e` away and route the result elsewhere): dot
 * segments reach the route, whose parameter checks refuse them. A trailing slash is ignored.
 */
export function parseTarget(target: string): { segments: string[]; query: URLSearchParams } {
  if (!target.startsWith('/')) throw new HttpError(400, 'the request target must be a path');
  const end = target.search(/[?#]/);
  const path = end < 0 ? target : target.slice(0, end);
  const segments = path.slice(1).split('/');
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  let query: URLSearchParams;
  try {
    query = new URL(target, 'http://localhost').searchParams;
  } catch {
    throw new HttpError(400, 'malformed request target');
  }
  return { segments, query };
}

function templateSegments(path: string): string[] {
  return path.slice(1).split('/');
}

/** Raw parameters when `segments` fit the template (a final `{path}` takes one or more segments). */
function fit(template: string[], segments: string[]): Record<string, string[]> | null {
  const params: Record<string, string[]> = {};
  for (const [i, part] of template.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === REST_PARAM && i === template.length - 1) {
      if (segments.length <= i) return null;
      params[name] = segments.slice(i);
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (name !== undefined) params[name] = [segment];
    else if (segment !== part) return null;
  }
  return segments.length === template.length ? params : null;
}

/**
 * Finds the route of a request: the route whose template fits the segments and whose method is
 * the request's (HEAD runs GET routes); else `wrong-method` with the allowed methods when some
 * route has the path (`public` when all of them need no token), else `none`.
 */
export function matchRoute(routes: readonly ApiRoute[], method: string, segments: string[]): RouteMatch {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const fitting: Array<{ route: ApiRoute; rawParams: Record<string, string[]> }> = [];
  for (const route of routes) {
    const rawParams = fit(templateSegments(route.path), segments);
    if (rawParams) fitting.push({ route, rawParams });
  }
  const hit = fitting.find((f) => f.route.method === wanted);
  if (hit) return { kind: 'route', ...hit };
  if (fitting.length === 0) return { kind: 'none' };
  const allow = [...new Set(fitting.flatMap((f) => (f.route.method === 'GET' ? ['GET', 'HEAD'] : ['POST'])))];
  return { kind: 'wrong-method', allow, public: fitting.every((f) => f.route.role === null) };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the path');
  }
}

/**
 * Percent-decodes the matched parameters. Each segment of a `{path}` must decode to a plain file
 * or folder name: no empty, `.` or `..` segment, and no `/`, `\` or NUL inside one (so neither
 * `..`, `%2e%2e`, `%2F`-smuggled absolute paths nor NUL bytes get further); the segments are then
 * joined with '/'. Throws HttpError 400 otherwise.
 */
export function decodeParams(rawParams: Record<string, string[]>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawParams)) {
    const decoded = raw.map(decode);
    if (name === REST_PARAM) {
      if (decoded.some((s) => s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s)))
        throw new HttpError(400, 'invalid file path: use plain names separated by /, without . or .. parts');
    } else if (decoded.some((s) => s.includes('\0'))) {
      throw new HttpError(400, `invalid ${name}: NUL byte`);
    }
    params[name] = decoded.join('/');
  }
  return params;
}
