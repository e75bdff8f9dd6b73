import { readFile } from 'node:fs/promises';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from '../i18n/timeZone.js';
import type { AppConfig } from './env.js';
import { REGION_NAME_PATTERN, listRegions } from './regionPaths.js';

/** When one region is rebuilt: a cron expression evaluated in a time zone. */
export interface RegionSchedule {
  region: string;
  cron: string;
  timezone: string;
  /** Plan the region as one child job per pool (a flow) so several workers share it. */
  split?: boolean;
}

const timezone = z.string().refine(isTimeZone, 'must be an IANA time zone');
const cron = z.string().refine((c) => isCronExpression(c), 'must be a cron expression (5 or 6 fields)');

const scheduleEntry = z.strictObject({
  cron: cron.optional(),
  timezone: timezone.optional(),
  enabled: z.boolean().optional(),
  split: z.boolean().optional(),
});

/** Shape of `<REGIONS_DIR>/schedules.json` (or SCHEDULES_FILE); every part is optional. */
export const schedulesFileSchema = z.strictObject({
  default: scheduleEntry.optional(),
  regions: z
    .record(z.string().regex(REGION_NAME_PATTERN, 'region names use a-z, 0-9 and -'), scheduleEntry)
    .optional(),
});
export type SchedulesFile = z.infer<typeof schedulesFileSchema>;

async function readSchedulesFile(path: string): Promise<SchedulesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${path}: cannot read the schedules file (${(error as Error).message})`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = schedulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${path}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * Combines the default schedule (SCHEDULE_CRON / SCHEDULE_TZ, overridable by the file's
 * `default`) with per-region entries of the schedules file, for every region folder that exists.
 * A region with `"enabled": false` is not scheduled; file entries for missing folders are ignored.
 */
export function combineSchedules(
  regions: readonly string[],
  file: SchedulesFile,
  config: AppConfig,
): RegionSchedule[] {
  if (!isCronExpression(config.scheduleCron)) {
    throw new Error(`SCHEDULE_CRON=${JSON.stringify(config.scheduleCron)}: not a cron expression`);
  }
  const base = {
    cron: file.default?.cron ?? config.scheduleCron,
    timezone: file.default?.timezone ?? config.scheduleTimezone,
    enabled: file.default?.enabled ?? true,
    split: file.default?.split ?? false,
  };
  const out: RegionSchedule[] = [];
  for (const region of regions) {
    const own = file.regions?.[region];
    if (!(own?.enabled ?? base.enabled)) continue;
    const split = own?.split ?? base.split;
    out.push({
      region,
      cron: own?.cron ?? base.cron,
      timezone: own?.timezone ?? base.timezone,
      ...(split ? { split: true } : {}),
    });
  }
  return out;
}

/** Reads the schedules file and the regions folder and returns each region's schedule. */
export async function loadSchedules(config: AppConfig): Promise<RegionSchedule[]> {
  const [file, regions] = await Promise.all([
    readSchedulesFile(config.schedulesFile),
    listRegions(config.regionsDir),
  ]);
  return combineSchedules(regions, file, config);
}
