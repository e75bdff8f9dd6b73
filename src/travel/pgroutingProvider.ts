import type pg from 'pg';
import { safeEndpoint } from './httpJson.js';
import type { RoadProvider, TableBlock, TableRequest } from './roadProvider.js';
import { TravelOutageError, TravelRequestError, type TravelErrorContext } from './travelErrors.js';

/** Targets per request: enough for any pool, small enough to keep one answer a few MB. */
const MAX_TARGETS = 20_000;

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

/**
 * Many-to-many agg costs only (pgr_dijkstraCost: no path rows, about 25x faster than summing the
 * edges of pgr_dijkstra's paths on a 100 x 100 block). A negative cost closes an edge in that
 * direction (osm2pgrouting's one-way streets). The work grows with the searches, so a block with
 * fewer targets than sources (old outlets to new ones after churn) searches backwards from the
 * targets.
 */
const COST_SQL = (ways: string, cost: string, reverse: string, backwards: boolean): string =>
  backwards
    ? // On the reversed graph a search from each target finds every source's cost to it.
      `SELECT end_vid::bigint AS s, start_vid::bigint AS t, agg_cost AS v
  FROM pgr_dijkstraCost(
    'SELECT gid AS id, target AS source, source AS target, ${cost} AS cost, ${reverse} AS reverse_cost FROM ${ways}',
    $2::bigint[], $1::bigint[], directed => true)`
    : `SELECT start_vid::bigint AS s, end_vid::bigint AS t, agg_cost AS v
  FROM pgr_dijkstraCost(
    'SELECT gid AS id, source, target, ${cost} AS cost, ${reverse} AS reverse_cost FROM ${ways}',
    $1::bigint[], $2::bigint[], directed => true)`;

/**
 * pgRouting over an osm2pgrouting import (tables `<table>` and `<table>_vertices_pgr`, default
 * `ways`): each point snaps to its nearest road vertex, then per block one many-to-many
 * pgr_dijkstraCost on `cost_s`/`reverse_cost_s` gives the minutes of the fastest path and one on
 * `length_m` (closed where the street is one-way) the km of the shortest path; the fastest path's
 * own km would need its edges, which costs 25x more, and on most streets the two paths agree.
 * Pairs without a path are NaN; two points on one vertex are 0. Every connect and query is
 * bounded by `timeoutMs`. The profile only labels the import in the travel cache key.
 */
export function pgroutingProvider(options: {
  url: string;
  profile: string;
  table: string;
  timeoutMs: number;
  connections: number;
}): RoadProvider {
  const endpoint = safeEndpoint(options.url);
  // pg is loaded with the first request (one promise, so concurrent first requests share one
  // pool), and plans on straight lines never load it.
  let pool: pg.Pool | null = null;
  let opening: Promise<pg.Pool> | null = null;
  const openPool = (): Promise<pg.Pool> =>
    (opening ??= import('pg').then(({ default: postgres }) => {
      pool = new postgres.Pool({
        connectionString: options.url,
        max: Math.max(1, options.connections),
        connectionTimeoutMillis: options.timeoutMs,
        query_timeout: options.timeoutMs,
        statement_timeout: options.timeoutMs,
        idleTimeoutMillis: 5_000,
      });
      // An idle client losing its connection must not crash the process; the next query reports it.
      pool.on('error', () => undefined);
      return pool;
    }));
  const vertices = `${options.table}_vertices_pgr`;
  return {
    name: 'pgrouting',
    profile: options.profile,
    endpoint,
    // One Dijkstra per source covers every target: 100 sources x all targets per request.
    maxTargets: MAX_TARGETS,
    async table(request: TableRequest): Promise<TableBlock> {
      const context = { provider: 'pgrouting', endpoint, block: request.label };
      const points = [...request.sources, ...request.targets];
      let client: pg.PoolClient | null = null;
      try {
        const db = await (await openPool()).connect();
        client = db;
        const snapped = await db.query<{ i: number; id: string }>(SNAP_SQL(vertices), [
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
        const starts = [...new Set(sourceIds)];
        const ends = [...new Set(targetIds)];
        const valuesOf = async (cost: string, reverse: string): Promise<Map<string, number>> => {
          const result = await db.query<{ s: string; t: string; v: number }>(
            COST_SQL(options.table, cost, reverse, ends.length < starts.length),
            [starts, ends],
          );
          return new Map(result.rows.map((r) => [`${r.s}>${r.t}`, Number(r.v)]));
        };
        const seconds = await valuesOf('cost_s', 'reverse_cost_s');
        const metres = await valuesOf(
          'CASE WHEN cost_s < 0 THEN -1 ELSE length_m END',
          'CASE WHEN reverse_cost_s < 0 THEN -1 ELSE length_m END',
        );
        const m = request.targets.length;
        const km = new Float64Array(n * m);
        const minutes = new Float64Array(n * m);
        sourceIds.forEach((s, i) =>
          targetIds.forEach((t, j) => {
            const key = `${s}>${t}`;
            const time = s === t ? 0 : seconds.get(key);
            const length = s === t ? 0 : metres.get(key);
            const routed = time !== undefined && length !== undefined;
            km[i * m + j] = routed ? length / 1000 : NaN;
            minutes[i * m + j] = routed ? time / 60 : NaN;
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
    close: async () => {
      await pool?.end();
    },
  };
}
