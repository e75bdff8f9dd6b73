import pg from 'pg';
import { safeEndpoint } from './httpJson.js';
import type { RoadProvider, TableBlock, TableRequest } from './roadProvider.js';
import { TravelOutageError, TravelRequestError, type TravelErrorContext } from './travelErrors.js';

/** SQLSTATE classes that mean the database is unavailable, not that the query is wrong. */
const OUTAGE_CLASSES = ['08', '53', '57', '58'];

function classify(error: unknown, context: TravelErrorContext): Error {
  const e = error as Error & { code?: string };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = `${e.message}${code ? ` (${code})` : ''}`;
  // Node's own errors (ECONNREFUSED, timeouts) have no five-character SQLSTATE.
  if (!/^[0-9A-Z]{5}$/.test(code) || OUTAGE_CLASSES.includes(code.slice(0, 2)))
    return new TravelOutageError(context, message);
  if (code === '42P01' || code === '42883')
    return new TravelRequestError(
      context,
      `${message}: the database needs the pgrouting extension and an osm2pgrouting import (README "Road travel times")`,
    );
  return new TravelRequestError(context, message);
}

const SNAP_SQL = (vertices: string): string => `
  SELECT p.i::int AS i, v.id::bigint AS id
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
  CROSS JOIN LATERAL (
    SELECT id FROM ${vertices}
    ORDER BY the_geom <-> ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) LIMIT 1
  ) AS v`;

const COST_SQL = (ways: string): string => `
  WITH r AS (
    SELECT * FROM pgr_dijkstra(
      'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ${ways}',
      $1::bigint[], $2::bigint[], directed => true)
  )
  SELECT r.start_vid::bigint AS s, r.end_vid::bigint AS t, sum(w.length_m) AS m, sum(r.cost) AS sec
  FROM r JOIN ${ways} AS w ON w.gid = r.edge
  GROUP BY r.start_vid, r.end_vid`;

/**
 * pgRouting over an osm2pgrouting import (tables `<table>` and `<table>_vertices_pgr`, default
 * `ways`): each point snaps to its nearest road vertex, then one many-to-many pgr_dijkstra per
 * block on `cost_s`/`reverse_cost_s` (seconds; a negative reverse cost makes a one-way street)
 * gives the fastest paths, whose `length_m` is summed for km. Pairs without a path are NaN; two
 * points on one vertex are 0. Every connect and query is bounded by `timeoutMs`. The profile only
 * labels the import in the travel cache key.
 */
export function pgroutingProvider(options: {
  url: string;
  profile: string;
  table: string;
  timeoutMs: number;
  connections: number;
}): RoadProvider {
  const endpoint = safeEndpoint(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: Math.max(1, options.connections),
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    statement_timeout: options.timeoutMs,
    idleTimeoutMillis: 5_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const vertices = `${options.table}_vertices_pgr`;
  return {
    name: 'pgrouting',
    profile: options.profile,
    endpoint,
    async table(request: TableRequest): Promise<TableBlock> {
      const context = { provider: 'pgrouting', endpoint, block: request.label };
      const points = [...request.sources, ...request.targets];
      let client: pg.PoolClient | null = null;
      try {
        client = await pool.connect();
        const snapped = await client.query<{ i: number; id: string }>(SNAP_SQL(vertices), [
          points.map((p) => p[0]),
          points.map((p) => p[1]),
        ]);
        const vertexOf: string[] = [];
        for (const row of snapped.rows) vertexOf[row.i - 1] = String(row.id);
        if (vertexOf.length !== points.length || vertexOf.includes(undefined as unknown as string))
          throw new TravelRequestError(context, `the ${vertices} table has no road vertices`);
        const n = request.sources.length;
        const sourceIds = vertexOf.slice(0, n);
        const targetIds = vertexOf.slice(n);
        const costs = await client.query<{ s: string; t: string; m: number; sec: number }>(
          COST_SQL(options.table),
          [[...new Set(sourceIds)], [...new Set(targetIds)]],
        );
        const byPair = new Map(costs.rows.map((r) => [`${r.s}>${r.t}`, r]));
        const m = request.targets.length;
        const km = new Float64Array(n * m);
        const minutes = new Float64Array(n * m);
        sourceIds.forEach((s, i) =>
          targetIds.forEach((t, j) => {
            const row = s === t ? { m: 0, sec: 0 } : byPair.get(`${s}>${t}`);
            km[i * m + j] = row ? Number(row.m) / 1000 : NaN;
            minutes[i * m + j] = row ? Number(row.sec) / 60 : NaN;
          }),
        );
        return { km, minutes };
      } catch (error) {
        if (error instanceof TravelRequestError || error instanceof TravelOutageError) throw error;
        throw classify(error, context);
      } finally {
        client?.release();
      }
    },
    close: () => pool.end(),
  };
}
