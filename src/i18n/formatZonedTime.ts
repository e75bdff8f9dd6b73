/**
 * An instant (ISO 8601, as plans stamp it) as a wall-clock time in a time zone, with the zone shown:
 * `2026-12-07 10:30 Asia/Shanghai (GMT+8)`. The same text in every language (digits and the IANA
 * name read the same in Chinese), so the report pages can show it in either. An unparseable
 * instant is returned as given.
 */
export function formatZonedTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone} (${part('timeZoneName')})`;
}
