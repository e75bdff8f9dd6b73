import { describe, expect, test } from 'vitest';
import { releaseCycleDetail } from '../../src/app/releaseCycleDetail.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';

describe('releaseCycleDetail', () => {
  test('drops the days of reps and the visits of outlets in place, nothing else', () => {
    const days = [{ week: 1, weekday: 'Mon', stops: [] }];
    const visits = [{ week: 1, weekday: 'Mon' }];
    const previous = {
      reps: [{ id: 'R1', dailyMinutes: 480, days }],
      outlets: [{ id: 'O1', repId: 'R1', tier: 'small', visits, pattern: { weekdays: ['Mon'] } }],
    } as unknown as Plan;
    const newRep = { id: 'R1', days: (previous.reps[0] as { days: unknown }).days };
    releaseCycleDetail(previous);
    expect(previous.reps[0]).toEqual({ id: 'R1', dailyMinutes: 480 });
    expect(previous.outlets[0]).toEqual({
      id: 'O1',
      repId: 'R1',
      tier: 'small',
      pattern: { weekdays: ['Mon'] },
    });
    // A new plan that took the days over keeps them.
    expect(newRep.days).toBe(days);
    expect(days).toHaveLength(1);
  });
});
