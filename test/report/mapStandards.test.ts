import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureVisitStandards } from '../../src/domain/plan/visitStandards.js';
import { translator } from '../../src/i18n/catalog.js';
import { renderStandardsSection } from '../../src/io/report/mapReportStandards.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { chromiumAvailable, ReportBrowser } from './reportBrowser.js';

const browser = new ReportBrowser();
beforeAll(async () => {
  if (chromiumAvailable) await browser.open();
});
afterAll(async () => {
  if (chromiumAvailable) await browser.close();
});

/** The fixture plan held against C reps' 2 visits a day (C1 and C2 make 1 on every other day). */
function planWithStandards() {
  const plan = buildFixturePlan();
  const standards = measureVisitStandards(plan, {
    quantity: { C: { minVisitsPerDay: 2 } },
    quality: { A: { large: { minShare: 0.5 } } },
  });
  return { ...plan, standards };
}

/** Browser code (the test's tsconfig has no DOM types): each body row's class, then its cells' text. */
const tableScript = (table: string): string =>
  `[...document.querySelectorAll(${JSON.stringify(`${table} tbody tr`)})].map((tr) => [tr.className, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)])`;

describe('map.html 2Q panel', () => {
  it('has no 2Q section for a plan without standards', () => {
    expect(renderStandardsSection(buildFixturePlan(), translator('en'))).toBe('');
  });

  it('takes every label from the catalogue: in zh-CN no English label of the section is left', () => {
    const zh = renderStandardsSection(planWithStandards(), translator('zh-CN'));
    expect(zh).toContain('拜访数量与质量（两量）标准');
    expect(zh).toContain('低于标准天数');
    for (const english of [
      'Quantity and quality',
      'Days under',
      'Share of visits',
      'of visits, minimum',
      'rep-day(s)',
    ])
      expect(zh).not.toContain(english);
  });

  it.skipIf(!chromiumAvailable)(
    'shows visits per rep-day and shares against the standards, marking the misses',
    async () => {
      const { page, problems } = await browser.openReport(planWithStandards(), null, 'standards');
      expect(problems).toEqual([]);
      expect(await page.textContent('#standards-summary')).toBe(
        '8 rep-day(s) under and 0 over the quantity standard; 0 rep tier share(s) missing the quality standard.',
      );
      const rows = await page.evaluate<string[][]>(tableScript('#standards-quantity'));
      expect(rows).toEqual([
        ['over', 'C1', 'C', '1 / 1.5 / 2', '>= 2', '8', '4', '0'],
        ['over', 'C2', 'C', '1 / 1.5 / 2', '>= 2', '8', '4', '0'],
      ]);
      const quality = await page.evaluate<string[][]>(tableScript('#standards-quality'));
      expect(quality).toEqual([['', 'A', 'Large (core)', '100%', '>= 50%', '1', '0']]);
      await page.close();
    },
  );
});
