import type { LonLat } from '../domain/types.js';
import { requestJson, safeEndpoint } from './httpJson.js';
import type { RoadProvider, TableBlock, TableRequest } from './roadProvider.js';
import { TableTooBigError, TravelRequestError, type TravelErrorContext } from './travelErrors.js';

interface OsrmTable {
  code?: string;
  message?: string;
  durations?: Array<Array<number | null>>;
  distances?: Array<Array<number | null>>;
}

/** Reads one OSRM matrix (seconds or metres) into `into`, null -> NaN, scaled by `scale`. */
function readRows(
  rows: Array<Array<number | null>> | undefined,
  shape: [number, number],
  scale: number,
  into: Float64Array,
  what: string,
  context: TravelErrorContext,
): void {
  const [n, m] = shape;
  if (!Array.isArray(rows) || rows.length !== n)
    throw new TravelRequestError(context, `answer has no ${n}-row ${what} table`);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== m)
      throw new TravelRequestError(context, `${what} row ${i} has not ${m} columns`);
    row.forEach((value, j) => {
      into[i * m + j] = typeof value === 'number' && Number.isFinite(value) ? value * scale : NaN;
    });
  });
}

/**
 * OSRM's Table API: `GET {base}/table/v1/{profile}/{lon,lat;...}?sources=..&destinations=..
 * &annotations=duration,distance`; durations are seconds, distances metres, null where no route.
 * Code `TooBig` (over the server's --max-table-size) is a TableTooBigError; any other error code
 * (NoSegment, InvalidQuery, ...) is a TravelRequestError.
 */
export function osrmProvider(options: { url: string; profile: string }): RoadProvider {
  const base = options.url.replace(/\/+$/, '');
  const endpoint = safeEndpoint(base);
  const coordinate = ([lon, lat]: LonLat): string => `${lon.toFixed(6)},${lat.toFixed(6)}`;
  return {
    name: 'osrm',
    profile: options.profile,
    endpoint,
    async table(request: TableRequest): Promise<TableBlock> {
      const context = { provider: 'osrm', endpoint, block: request.label };
      const n = request.sources.length;
      const m = request.targets.length;
      const coords = [...request.sources, ...request.targets].map(coordinate).join(';');
      const sources = request.sources.map((_, i) => i).join(';');
      const destinations = request.targets.map((_, j) => n + j).join(';');
      const url = `${base}/table/v1/${encodeURIComponent(options.profile)}/${coords}?sources=${sources}&destinations=${destinations}&annotations=duration,distance`;
      const reply = await requestJson(url, { method: 'GET', signal: request.signal }, context);
      const body = (reply.body ?? {}) as OsrmTable;
      if (body.code === 'TooBig') throw new TableTooBigError(context, body.message ?? 'TooBig');
      if (reply.status !== 200 || body.code !== 'Ok')
        throw new TravelRequestError(
          context,
          `HTTP ${reply.status} code ${body.code ?? '?'}: ${body.message ?? 'no message'}`,
        );
      const km = new Float64Array(n * m);
      const minutes = new Float64Array(n * m);
      readRows(body.durations, [n, m], 1 / 60, minutes, 'durations', context);
      readRows(body.distances, [n, m], 1 / 1000, km, 'distances', context);
      return { km, minutes };
    },
    close: () => Promise.resolve(),
  };
}
