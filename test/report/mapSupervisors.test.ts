import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { translator } from '../../src/i18n/catalog.js';
import { renderSupervisorsSection } from '../../src/io/report/mapReportSupervisors.js';

/** One market manager with two field days: one with rep R01 at two of its stops, one over budget. */
const plan: Pick<Plan, 'supervisors' | 'outlets'> = {
  outlets: [
    { id: 'o1', name: 'Lotus Store' },
    { id: 'o2', name: 'River Bar' },
  ] as Plan['outlets'],
  supervisors: [
    {
      id: 'M01',
      name: 'Wang Li',
      role: 'market-manager',
      home: [112.9, 28.2],
      workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      dayStart: '08:30',
      dailyMinutes: 480,
      reps: ['R01', 'R02'],
      days: [
        {
          week: 1,
          weekday: 'Tue',
          repId: 'R01',
          departure: '08:40',
          end: '11:05',
          stops: [
            { outletId: 'o1', repSeq: 2, arrival: '09:10', departure: '09:25', travelKm: 6.2 },
            { outletId: 'o2', repSeq: 4, arrival: '10:00', departure: '10:20', travelKm: 3.1 },
          ],
          travelKm: 15.04,
          travelMinutes: 35,
          jointMinutes: 35,
          fieldMinutes: 145,
          overBudgetMinutes: 0,
        },
        {
          week: 2,
          weekday: 'Thu',
          repId: 'R02',
          departure: '08:30',
          end: '17:30',
          stops: [{ outletId: 'o9', repSeq: 1, arrival: '09:00', departure: '09:20', travelKm: 2 }],
          travelKm: 4,
          travelMinutes: 10,
          jointMinutes: 20,
          fieldMinutes: 500,
          overBudgetMinutes: 20,
        },
      ],
    },
  ],
};

describe('map.html supervisors section', () => {
  it('is empty for a plan without supervisors', () => {
    expect(renderSupervisorsSection({ outlets: [] }, translator('en'))).toBe('');
  });

  it("lists each supervisor's days with the rep, times, joint stops and km, marking a day over budget", () => {
    const html = renderSupervisorsSection(plan, translator('en'));
    expect(html).toContain('M01 - Wang Li (market-manager): 2 field day(s) with 2 rep(s) supervised');
    const rows = html.match(/<tr[^>]*><td>.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(
      '<tr><td>Week 1 Tue</td><td>R01</td><td>08:40-11:05</td><td>Lotus Store 09:10-09:25; River Bar 10:00-10:20</td><td>15.0</td><td>145</td></tr>',
    );
    // An outlet the plan does not know is shown by id, and the over-budget day is marked.
    expect(rows[1]).toContain('<tr class="over"><td>Week 2 Thu</td><td>R02</td>');
    expect(rows[1]).toContain('<td>o9 09:00-09:20</td>');
  });

  it('speaks Chinese in zh-CN, with no English label left', () => {
    const html = renderSupervisorsSection(plan, translator('zh-CN'));
    expect(html).toContain('督导人员下市场安排');
    expect(html).toContain('第1周 周二');
    for (const english of ['field day', 'Rep joined', 'Joint stops', 'Week 1'])
      expect(html).not.toContain(english);
  });
});
