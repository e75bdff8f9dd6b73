import { createTask, parse } from 'node-cron';

/**
 * The scheduled instants ("slots") of a cron expression in a time zone, computed with node-cron's
 * own matcher so that they are exactly the instants node-cron fires at. The scheduler uses them
 * to name a firing's job (one id per slot, identical on every scheduler) and to find the slots it
 * missed while Redis or the scheduler was down.
 */
export interface CronSlots {
  /** True when `at` (to the second) is a slot. */
  matches(at: Date): boolean;
  /** The latest slot in (after, until], or null; looks back over whole minutes, so keep the span bounded. */
  latest(after: Date, until: Date): Date | null;
  /** Every slot in (after, until], oldest first (bounded spans only, like `latest`). */
  between(after: Date, until: Date): Date[];
}

const MINUTE = 60_000;

/** Builds the slot calculator of `cron` in `timezone` (throws on an invalid expression). */
export function cronSlots(cron: string, timezone: string): CronSlots {
  // createTask parses the expression with node-cron's rules (5 or 6 fields, names, L, #, ...);
  // the task is never started, only its matcher is used.
  const task = createTask(cron, () => undefined, { timezone });
  const matcher = (at: Date): boolean => task.match(at);
  void task.destroy();
  const seconds = [...new Set(parse(cron).second)].sort((a, b) => a - b);
  const first = seconds[0] ?? 0;

  /** Slots of the minute starting at `minuteMs`, newest first, when the minute matches. */
  function slotsOfMinute(minuteMs: number): number[] {
    // Only the second differs between the instants of one minute, so one test tells for all.
    if (!matcher(new Date(minuteMs + first * 1000))) return [];
    return seconds.map((s) => minuteMs + s * 1000).reverse();
  }

  function* newestFirst(after: Date, until: Date): Generator<number> {
    const low = after.getTime();
    const high = until.getTime();
    for (let minute = Math.floor(high / MINUTE) * MINUTE; minute + 59_000 > low; minute -= MINUTE) {
      for (const slot of slotsOfMinute(minute)) if (slot <= high && slot > low) yield slot;
    }
  }

  return {
    matches: (at) => matcher(new Date(Math.floor(at.getTime() / 1000) * 1000)),
    latest(after, until) {
      for (const slot of newestFirst(after, until)) return new Date(slot);
      return null;
    },
    between(after, until) {
      return [...newestFirst(after, until)].reverse().map((ms) => new Date(ms));
    },
  };
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

function stampFormat(timezone: string): Intl.DateTimeFormat {
  let format = stampFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    stampFormats.set(timezone, format);
  }
  return format;
}

/**
 * A slot as local time in `timezone` with its UTC offset, in ISO 8601 basic time without colons
 * (BullMQ allows ':' in a job id only as its two separators): `2025-06-02T0200+0800`,
 * `2025-06-02T0200Z` at offset 0 (UTC), seconds added when not zero (`T020030+0800`).
 */
export function slotStamp(slot: Date, timezone: string): string {
  const parts: Record<string, string> = {};
  for (const part of stampFormat(timezone).formatToParts(slot)) parts[part.type] = part.value;
  const gmt = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '');
  const offset = gmt === '' || /^[+-]00:?00$/.test(gmt) ? 'Z' : gmt.replace(':', '');
  const second = parts.second === '00' ? '' : (parts.second ?? '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}${parts.minute}${second}${offset}`;
}

/**
 * Id of the scheduled rebuild of `region` for one slot of its schedule:
 * `rebuild:<region>:<slot stamp>` (see slotStamp). Every scheduler computes the same id for a
 * slot, and BullMQ ignores an add whose id exists, so each slot is enqueued once, and a cron that
 * fires several times a day enqueues every firing. regionOfJobId still reads the region.
 */
export function scheduledSlotJobId(region: string, slot: Date, timezone: string): string {
  return `rebuild:${region}:${slotStamp(slot, timezone)}`;
}
