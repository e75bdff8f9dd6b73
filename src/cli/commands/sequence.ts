import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { roadDayMatrix } from '../../app/roadDayMatrix.js';
import { loadTravelConfig } from '../../config/travelConfig.js';
import { DEFAULT_POLICY } from '../../domain/policy/defaultPolicy.js';
import { sequenceDayRoute, type DayStop } from '../../domain/routing/sequenceDayRoute.js';
import { greatCircleTravelModel, type TravelMatrix } from '../../domain/routing/travelModel.js';
import type { LonLat } from '../../domain/types.js';
import { UsageError } from '../parseOptions.js';

/** One day to re-sequence, as read from --in. */
export interface SequenceDayFile {
  start: number;
  home: LonLat;
  stops: Array<DayStop & { lon: number; lat: number }>;
}

const CLOCK = /^(\d{1,2}):([0-5]\d)$/;

/** "HH:MM" -> minutes after midnight; hours up to 47 so that a window may run past midnight. */
export function parseClock(text: string, field: string): number {
  const match = CLOCK.exec(text.trim());
  const hours = Number(match?.[1]);
  if (!match || hours > 47) throw new Error(`${field}: expected a time HH:MM, got "${text}"`);
  return hours * 60 + Number(match[2]);
}

/** Minutes after midnight -> "HH:MM" (rounded to the minute; 24:00 and later for the next day). */
export function formatClock(minutes: number): string {
  const rounded = Math.round(minutes);
  return `${String(Math.floor(rounded / 60)).padStart(2, '0')}:${String(rounded % 60).padStart(2, '0')}`;
}

const clockSchema = z.string().regex(CLOCK, 'expected a time HH:MM');
const longitude = z.number().min(-180).max(180);
const latitude = z.number().min(-90).max(90);
const jsonDaySchema = z
  .object({
    start: clockSchema,
    home: z.tuple([longitude, latitude]),
    stops: z.array(
      z
        .object({
          id: z.string().min(1),
          lon: longitude,
          lat: latitude,
          serviceMinutes: z.number().min(0).max(1440),
          window: z.object({ from: clockSchema, to: clockSchema }).strict().nullable().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Validates a JSON day (see the command help); errors name the offending field, e.g. stops.2.lat. */
export function parseJsonDay(value: unknown, source: string): SequenceDayFile {
  const result = jsonDaySchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${source}: invalid day file: ${problems.join('; ')}`);
  }
  const day = result.data;
  assertUniqueIds(
    day.stops.map((s) => s.id),
    source,
  );
  return {
    start: parseClock(day.start, `${source}: start`),
    home: day.home,
    stops: day.stops.map((s, i) => ({
      id: s.id,
      lon: s.lon,
      lat: s.lat,
      serviceMinutes: s.serviceMinutes,
      window: s.window
        ? {
            from: parseClock(s.window.from, `${source}: stops.${i}.window.from`),
            to: parseClock(s.window.to, `${source}: stops.${i}.window.to`),
          }
        : null,
    })),
  };
}

/**
 * Reads a CSV day: columns id,lon,lat,service_minutes,open_from,open_to (open_* may be empty for
 * no window; both or neither). Home and start come from --home and --start.
 */
export function parseCsvDay(text: string, source: string, home: LonLat, start: number): SequenceDayFile {
  let rows: Array<Record<string, string>>;
  try {
    rows = parseCsv<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new Error(`${source}: cannot parse CSV (${(error as Error).message})`, { cause: error });
  }
  const required = ['id', 'lon', 'lat', 'service_minutes', 'open_from', 'open_to'];
  const header = rows[0] ? Object.keys(rows[0]) : required;
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`${source}: missing column(s) ${missing.join(', ')}`);
  const stops = rows.map((row, i) => {
    const line = `${source} line ${i + 2}`;
    const number = (column: string, min: number, max: number): number => {
      const value = Number(row[column]);
      if (row[column] === '' || !Number.isFinite(value) || value < min || value > max) {
        throw new Error(
          `${line}: ${column} must be a number in [${min}, ${max}], got "${row[column] ?? ''}"`,
        );
      }
      return value;
    };
    const id = row.id ?? '';
    if (!id) throw new Error(`${line}: id is empty`);
    const from = row.open_from ?? '';
    const to = row.open_to ?? '';
    if ((from === '') !== (to === ''))
      throw new Error(`${line}: give both open_from and open_to, or neither`);
    return {
      id,
      lon: number('lon', -180, 180),
      lat: number('lat', -90, 90),
      serviceMinutes: number('service_minutes', 0, 1440),
      window:
        from === ''
          ? null
          : { from: parseClock(from, `${line}: open_from`), to: parseClock(to, `${line}: open_to`) },
    };
  });
  assertUniqueIds(
    stops.map((s) => s.id),
    source,
  );
  return { start, home, stops };
}

function assertUniqueIds(ids: string[], source: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`${source}: stop id "${id}" appears more than once`);
    seen.add(id);
  }
}

/** "lon,lat" -> LonLat for --home. */
export function parseLonLat(text: string, field: string): LonLat {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [lon, lat] = parts;
  if (
    parts.length !== 2 ||
    lon === undefined ||
    lat === undefined ||
    !(Math.abs(lon) <= 180) ||
    !(Math.abs(lat) <= 90)
  ) {
    throw new Error(`${field}: expected "lon,lat" in degrees, got "${text}"`);
  }
  return [lon, lat];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The day's points as the matrix indexes them: home first, then the stops in file order. */
export function dayPoints(day: SequenceDayFile): LonLat[] {
  return [day.home, ...day.stops.map((s): LonLat => [s.lon, s.lat])];
}

/**
 * Sequences the day and shapes the printed result: ordered stops with times plus totals. With
 * `departureFloatMinutes` the rep may leave that much after `start` when that only removes
 * waiting; `departure` is when the rep leaves and `totalMinutes` counts from it. `road` is a
 * road matrix over dayPoints (possibly asymmetric) to use instead of great-circle lines.
 */
export function sequenceDay(
  day: SequenceDayFile,
  options: {
    speedKmh: number;
    circuity: number;
    seed: number;
    departureFloatMinutes?: number;
    road?: { matrix: TravelMatrix; provider: string; profile: string };
  },
) {
  const matrix: TravelMatrix = options.road?.matrix ?? greatCircleTravelModel(options).matrix(dayPoints(day));
  const route = sequenceDayRoute({
    matrix,
    stops: day.stops,
    startMinutes: day.start,
    departureFloatMinutes: options.departureFloatMinutes ?? 0,
    seed: options.seed,
  });
  let previous = 0;
  const stops = route.order.map((index, k) => {
    const stop = day.stops[index] as SequenceDayFile['stops'][number];
    const travelKm = matrix.km(previous, index + 1);
    previous = index + 1;
    return {
      seq: k + 1,
      id: stop.id,
      lon: stop.lon,
      lat: stop.lat,
      arrival: formatClock(route.arrivals[k] as number),
      departure: formatClock(route.departures[k] as number),
      travelKm: round(travelKm, 3),
      serviceMinutes: stop.serviceMinutes,
      waitMinutes: round(route.waits[k] as number, 1),
      windowViolationMinutes: round(route.windowViolations[k] as number, 1),
      window: stop.window ? { from: formatClock(stop.window.from), to: formatClock(stop.window.to) } : null,
    };
  });
  const waitMinutes = route.waits.reduce((sum, w) => sum + w, 0);
  return {
    start: formatClock(day.start),
    departure: formatClock(route.departureMinutes),
    end: formatClock(route.endMinutes),
    home: day.home,
    stops,
    returnTravelKm: round(route.order.length > 0 ? matrix.km(previous, 0) : 0, 3),
    totals: {
      stops: stops.length,
      travelKm: round(route.travelKm, 3),
      travelMinutes: round(route.travelMinutes, 1),
      serviceMinutes: round(route.serviceMinutes, 1),
      waitMinutes: round(waitMinutes, 1),
      windowViolationMinutes: round(route.windowViolationMinutes, 1),
      totalMinutes: round(route.endMinutes - route.departureMinutes, 1),
    },
    travel: options.road
      ? { provider: options.road.provider, profile: options.road.profile }
      : { speedKmh: options.speedKmh, circuity: options.circuity },
  };
}

/** The variable that holds each road provider's address, which --travel-url overrides. */
const PROVIDER_URL_KEYS = {
  pgrouting: 'TRAVEL_PGROUTING_URL',
  osrm: 'TRAVEL_OSRM_URL',
  valhalla: 'TRAVEL_VALHALLA_URL',
} as const;
const TRAVEL_CHOICES = ['great-circle', ...Object.keys(PROVIDER_URL_KEYS)];

/** The road matrix of the day from --travel / --travel-url / --profile and the TRAVEL_* variables. */
async function roadOf(
  day: SequenceDayFile,
  opts: { travel: string; travelUrl?: string; profile?: string },
): Promise<Parameters<typeof sequenceDay>[1]['road']> {
  if (opts.travel === 'great-circle') {
    if (opts.travelUrl || opts.profile)
      throw new UsageError('--travel-url and --profile need --travel pgrouting, osrm or valhalla');
    return undefined;
  }
  const provider = opts.travel as keyof typeof PROVIDER_URL_KEYS;
  const env = opts.travelUrl
    ? { ...process.env, [PROVIDER_URL_KEYS[provider]]: opts.travelUrl }
    : process.env;
  const travel = { ...DEFAULT_POLICY.travel, provider, ...(opts.profile ? { profile: opts.profile } : {}) };
  const labels = ['home', ...day.stops.map((s) => `stop ${s.id}`)];
  return roadDayMatrix(travel, loadTravelConfig(env), dayPoints(day), labels);
}

function positiveNumber(field: string, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || value > max)
      throw new UsageError(`${field}: expected a number in (0, ${max}], got "${text}"`);
    return value;
  };
}

/** `territory sequence`: re-sequence one day's stops (e.g. after manual edits). */
export function registerSequenceCommand(program: Command): void {
  program
    .command('sequence')
    .description(
      're-sequence one day route: shortest order from home and back that meets time windows (JSON or CSV input)',
    )
    .requiredOption(
      '--in <file>',
      'day to sequence: JSON {"start":"08:30","home":[lon,lat],"stops":[{"id","lon","lat","serviceMinutes","window":{"from","to"}}]} or CSV id,lon,lat,service_minutes,open_from,open_to',
    )
    .option('--out <file>', 'write the result JSON here instead of stdout')
    .option('--home <lon,lat>', 'home/office for CSV input')
    .option('--start <HH:MM>', 'leaving time for CSV input (default: the policy day start)')
    .option(
      '--speed <kmh>',
      'average travel speed',
      positiveNumber('--speed', 200),
      DEFAULT_POLICY.travel.speedKmh,
    )
    .option(
      '--circuity <f>',
      'road km per straight-line km',
      positiveNumber('--circuity', 5),
      DEFAULT_POLICY.travel.circuity,
    )
    .option(
      '--travel <provider>',
      `where travel times come from: ${TRAVEL_CHOICES.join(', ')} (road providers read TRAVEL_* variables; their matrices may be asymmetric)`,
      (text) => {
        if (!TRAVEL_CHOICES.includes(text))
          throw new UsageError(`--travel: expected one of ${TRAVEL_CHOICES.join(', ')}, got "${text}"`);
        return text;
      },
      'great-circle',
    )
    .option('--travel-url <url>', "the road provider's address (default: its TRAVEL_*_URL variable)")
    .option(
      '--profile <name>',
      'road profile (default: car, driving or auto for pgrouting, osrm or valhalla)',
    )
    .option(
      '--departure-float <minutes>',
      'leave up to this many minutes after the start when that only removes waiting (0-1440)',
      (text) => {
        const value = Number(text);
        if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1440)
          throw new UsageError(`--departure-float: expected minutes in [0, 1440], got "${text}"`);
        return value;
      },
      0,
    )
    .option(
      '--seed <n>',
      'random seed of the search',
      (text) => {
        const value = Number(text);
        if (!Number.isInteger(value)) throw new UsageError(`--seed: expected an integer, got "${text}"`);
        return value;
      },
      1,
    )
    .action(
      async (opts: {
        in: string;
        out?: string;
        home?: string;
        start?: string;
        speed: number;
        circuity: number;
        travel: string;
        travelUrl?: string;
        profile?: string;
        departureFloat: number;
        seed: number;
      }) => {
        const text = await readFile(opts.in, 'utf8').catch((error: unknown) => {
          throw new Error(`${opts.in}: cannot read (${(error as Error).message})`, { cause: error });
        });
        let day: SequenceDayFile;
        if (extname(opts.in).toLowerCase() === '.csv') {
          if (!opts.home) throw new UsageError('--home <lon,lat> is required with CSV input');
          day = parseCsvDay(
            text,
            opts.in,
            parseLonLat(opts.home, '--home'),
            parseClock(opts.start ?? DEFAULT_POLICY.day.startTime, '--start'),
          );
        } else {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (error) {
            throw new Error(`${opts.in}: not valid JSON (${(error as Error).message})`, { cause: error });
          }
          day = parseJsonDay(json, opts.in);
        }
        const road = await roadOf(day, opts);
        const result = sequenceDay(day, {
          speedKmh: opts.speed,
          circuity: opts.circuity,
          seed: opts.seed,
          departureFloatMinutes: opts.departureFloat,
          ...(road ? { road } : {}),
        });
        const output = `${JSON.stringify(result, null, 2)}\n`;
        if (opts.out) await writeFile(opts.out, output);
        else process.stdout.write(output);
      },
    );
}
