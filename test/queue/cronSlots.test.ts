import { describe, expect, test } from 'vitest';
import { cronSlots, scheduledSlotJobId, slotStamp } from '../../src/queue/cronSlots.js';
import { regionOfJobId } from '../../src/queue/jobDefinitions.js';

const at = (iso: string): Date => new Date(iso);

describe('cron slots', () => {
  test('daily cron in a zone: every slot of a span, the latest one, and a match', () => {
    const slots = cronSlots('0 2 * * *', 'Asia/Shanghai');
    // 02:00 in Shanghai is 18:00 UTC the day before.
    expect(
      slots.between(at('2025-05-30T00:00:00Z'), at('2025-06-02T18:00:00Z')).map((d) => d.toISOString()),
    ).toEqual([
      '2025-05-30T18:00:00.000Z',
      '2025-05-31T18:00:00.000Z',
      '2025-06-01T18:00:00.000Z',
      '2025-06-02T18:00:00.000Z',
    ]);
    // (after, until]: the lower end is excluded, the upper included.
    expect(slots.latest(at('2025-06-01T18:00:00Z'), at('2025-06-02T17:59:59Z'))).toBeNull();
    expect(slots.latest(at('2025-06-01T17:59:59Z'), at('2025-06-02T17:59:59Z'))?.toISOString()).toBe(
      '2025-06-01T18:00:00.000Z',
    );
    expect(slots.matches(at('2025-06-01T18:00:00Z'))).toBe(true);
    expect(slots.matches(at('2025-06-01T18:01:00Z'))).toBe(false);
  });

  test('sub-daily and seconds crons give every firing of the day', () => {
    const hourly = cronSlots('0 */6 * * *', 'UTC');
    expect(hourly.between(at('2025-06-01T00:00:00Z'), at('2025-06-02T00:00:00Z')).map(slotOf('UTC'))).toEqual(
      ['2025-06-01T0600Z', '2025-06-01T1200Z', '2025-06-01T1800Z', '2025-06-02T0000Z'],
    );
    const seconds = cronSlots('*/20 * * * * *', 'UTC');
    expect(
      seconds.between(at('2025-06-01T00:00:00Z'), at('2025-06-01T00:01:00Z')).map(slotOf('UTC')),
    ).toEqual(['2025-06-01T000020Z', '2025-06-01T000040Z', '2025-06-01T0001Z']);
  });

  test('daylight saving: the stamp carries the offset in force', () => {
    const berlin = cronSlots('30 1 * * *', 'Europe/Berlin');
    expect(
      berlin.between(at('2025-03-29T00:00:00Z'), at('2025-03-31T00:00:00Z')).map(slotOf('Europe/Berlin')),
    ).toEqual(['2025-03-29T0130+0100', '2025-03-30T0130+0100', '2025-03-31T0130+0200']);
  });

  test('job ids: rebuild:<region>:<local slot with offset>, distinct per firing, region still readable', () => {
    const morning = at('2025-06-01T18:00:00Z');
    const evening = at('2025-06-02T10:00:00Z');
    expect(scheduledSlotJobId('north', morning, 'Asia/Shanghai')).toBe('rebuild:north:2025-06-02T0200+0800');
    expect(scheduledSlotJobId('north', evening, 'Asia/Shanghai')).toBe('rebuild:north:2025-06-02T1800+0800');
    expect(scheduledSlotJobId('north', morning, 'America/New_York')).toBe(
      'rebuild:north:2025-06-01T1400-0400',
    );
    expect(regionOfJobId(scheduledSlotJobId('north', morning, 'Asia/Shanghai'))).toBe('north');
    // BullMQ allows ':' only as the id's two separators.
    expect(scheduledSlotJobId('a-b', morning, 'UTC').split(':')).toHaveLength(3);
  });
});

function slotOf(timezone: string): (d: Date) => string {
  return (d) => slotStamp(d, timezone);
}
