import { requestJson, safeEndpoint } from './httpJson.js';
import type { RoadProvider, TableBlock, TableRequest } from './roadProvider.js';
import { TableTooBigError, TravelRequestError, type TravelErrorContext } from './travelErrors.js';

interface ValhallaCell {
  distance?: number | null;
  time?: number | null;
}

interface ValhallaReply {
  sources_to_targets?: ValhallaCell[][];
  error_code?: number;
  error?: string;
}

/** Valhalla's error code for more locations or location pairs than the server allows. */
const EXCEEDED_MAX_LOCATIONS = 150;

function readCells(
  rows: ValhallaCell[][] | undefined,
  n: number,
  m: number,
  context: TravelErrorContext,
): TableBlock {
  if (!Array.isArray(rows) || rows.length !== n)
    throw new TravelRequestError(context, `answer has no ${n}-row sources_to_targets table`);
  const km = new Float64Array(n * m);
  const minutes = new Float64Array(n * m);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== m)
      throw new TravelRequestError(context, `sources_to_targets row ${i} has not ${m} cells`);
    row.forEach((cell, j) => {
      const distance = cell?.distance;
      const time = cell?.time;
      const routed = typeof distance === 'number' && typeof time === 'number';
      km[i * m + j] = routed ? distance : NaN;
      minutes[i * m + j] = routed ? time / 60 : NaN;
    });
  });
  return { km, minutes };
}

/**
 * Valhalla's matrix service: `POST {base}/sources_to_targets` with sources, targets, `costing`
 * (the profile, e.g. auto) and `units: kilometers`; the answer's `sources_to_targets` rows hold
 * `distance` (km) and `time` (seconds) per target, null where no route. Error 150 (exceeded max
 * locations, i.e. over the server's matrix limits) is a TableTooBigError; any other 4xx error is
 * a TravelRequestError.
 */
export function valhallaProvider(options: { url: string; profile: string }): RoadProvider {
  const base = options.url.replace(/\/+$/, '');
  const endpoint = safeEndpoint(base);
  return {
    name: 'valhalla',
    profile: options.profile,
    endpoint,
    async table(request: TableRequest): Promise<TableBlock> {
      const context = { provider: 'valhalla', endpoint, block: request.label };
      const body = JSON.stringify({
        sources: request.sources.map(([lon, lat]) => ({ lat, lon })),
        targets: request.targets.map(([lon, lat]) => ({ lat, lon })),
        costing: options.profile,
        units: 'kilometers',
      });
      const reply = await requestJson(
        `${base}/sources_to_targets`,
        { method: 'POST', body, signal: request.signal },
        context,
      );
      const answer = (reply.body ?? {}) as ValhallaReply;
      if (answer.error_code === EXCEEDED_MAX_LOCATIONS)
        throw new TableTooBigError(context, answer.error ?? 'exceeded max locations');
      if (reply.status !== 200 || answer.error_code !== undefined)
        throw new TravelRequestError(
          context,
          `HTTP ${reply.status} error ${answer.error_code ?? '?'}: ${answer.error ?? 'no message'}`,
        );
      return readCells(answer.sources_to_targets, request.sources.length, request.targets.length, context);
    },
    close: () => Promise.resolve(),
  };
}
