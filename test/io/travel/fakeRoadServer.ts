import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server answering in the documented formats of OSRM's Table API
 * (`GET /table/v1/{profile}/{lon,lat;...}?sources=..&destinations=..&annotations=duration,distance`)
 * and Valhalla's matrix API (`POST /sources_to_targets`), over a made-up road network: km is the
 * Manhattan distance in degrees x 100, minutes = km x 2, and points east of lon 11 are on an
 * island no road reaches (null cells). Behaviour a test can set: a table-size limit (answered as
 * OSRM TooBig / Valhalla error 150), outages (HTTP 503) for the first requests, a delay, garbage.
 */
export interface FakeRoadServer {
  url: string;
  /** Requests answered, and source x target pairs answered with a table. */
  requests: number;
  pairs: number;
  /** Largest sources x targets block allowed (default: no limit). */
  maxPairs: number;
  /** Answer this many of the next requests with HTTP 503. */
  failNext: number;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  /** Answer tables with one row missing. */
  garbage: boolean;
  /** Most requests seen in flight at once. */
  maxInFlight: number;
  /** Legs that end west of where they start are this many times longer (one-way streets; default 1). */
  westwardFactor: number;
  close(): Promise<void>;
}

type Point = [number, number];
const roadKm = (a: Point, b: Point): number => (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])) * 100;
const island = (p: Point): boolean => p[0] > 11;

function table(
  sources: Point[],
  targets: Point[],
  westwardFactor: number,
): Array<Array<{ km: number; minutes: number } | null>> {
  return sources.map((s) =>
    targets.map((t) => {
      if (island(s) !== island(t)) return null;
      const km = roadKm(s, t) * (t[0] < s[0] ? westwardFactor : 1);
      return { km, minutes: 2 * km };
    }),
  );
}

async function body(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of request) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function send(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function osrm(state: FakeRoadServer, url: URL, response: ServerResponse): void {
  const match = /^\/table\/v1\/([a-z]+)\/(.+)$/.exec(url.pathname);
  if (!match)
    return send(response, 400, { code: 'InvalidUrl', message: 'URL string malformed close to position 1' });
  if (match[1] !== 'driving')
    return send(response, 400, { code: 'InvalidOptions', message: 'profile not found' });
  const coords = decodeURIComponent(match[2] as string)
    .split(';')
    .map((c) => c.split(',').map(Number) as Point);
  const pick = (key: string): Point[] =>
    (url.searchParams.get(key) ?? '').split(';').map((i) => coords[Number(i)] as Point);
  const sources = pick('sources');
  const targets = pick('destinations');
  if (sources.length * targets.length > state.maxPairs)
    return send(response, 400, { code: 'TooBig', message: 'Too many table coordinates' });
  const cells = table(sources, targets, state.westwardFactor);
  state.pairs += sources.length * targets.length;
  const rows = state.garbage ? cells.slice(1) : cells;
  send(response, 200, {
    code: 'Ok',
    durations: rows.map((r) => r.map((c) => (c ? c.minutes * 60 : null))),
    distances: rows.map((r) => r.map((c) => (c ? c.km * 1000 : null))),
    sources: sources.map((p) => ({ location: p, name: '' })),
    destinations: targets.map((p) => ({ location: p, name: '' })),
  });
}

function valhalla(state: FakeRoadServer, text: string, response: ServerResponse): void {
  let request: {
    sources?: Array<{ lat: number; lon: number }>;
    targets?: Array<{ lat: number; lon: number }>;
    costing?: string;
  };
  try {
    request = JSON.parse(text) as typeof request;
  } catch {
    return send(response, 400, {
      error_code: 100,
      error: 'Failed to parse json request',
      status_code: 400,
      status: 'Bad Request',
    });
  }
  if (request.costing !== 'auto')
    return send(response, 400, {
      error_code: 125,
      error: `No costing method found:'${request.costing}'`,
      status_code: 400,
      status: 'Bad Request',
    });
  const sources = (request.sources ?? []).map((l): Point => [l.lon, l.lat]);
  const targets = (request.targets ?? []).map((l): Point => [l.lon, l.lat]);
  if (sources.length * targets.length > state.maxPairs)
    return send(response, 400, {
      error_code: 150,
      error: `Exceeded max locations:${state.maxPairs}`,
      status_code: 400,
      status: 'Bad Request',
    });
  state.pairs += sources.length * targets.length;
  const cells = table(sources, targets, state.westwardFactor);
  const rows = (state.garbage ? cells.slice(1) : cells).map((r, i) =>
    r.map((c, j) => ({
      from_index: i,
      to_index: j,
      distance: c ? c.km : null,
      time: c ? c.minutes * 60 : null,
    })),
  );
  send(response, 200, { sources_to_targets: rows, units: 'kilometers' });
}

/** Starts the server on a free local port. */
export async function startFakeRoadServer(): Promise<FakeRoadServer> {
  const state: FakeRoadServer = {
    url: '',
    requests: 0,
    pairs: 0,
    maxPairs: Infinity,
    failNext: 0,
    delayMs: 0,
    garbage: false,
    maxInFlight: 0,
    westwardFactor: 1,
    close: () => Promise.resolve(),
  };
  let inFlight = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await body(request);
      state.requests += 1;
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      response.on('close', () => (inFlight -= 1));
      // A little wait makes parallel requests overlap, so the concurrency limit is observable.
      await new Promise((r) => setTimeout(r, state.delayMs || 5));
      if (state.failNext > 0) {
        state.failNext -= 1;
        response.writeHead(503, { 'content-type': 'text/plain' });
        return response.end('service unavailable');
      }
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'GET' && url.pathname.startsWith('/table/v1/'))
        return osrm(state, url, response);
      if (request.method === 'POST' && url.pathname === '/sources_to_targets')
        return valhalla(state, text, response);
      send(response, 404, { error: 'not found' });
    })().catch(() => response.destroy());
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      listening.closeAllConnections();
      listening.close(() => resolve());
    });
  return state;
}
