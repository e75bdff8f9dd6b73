/**
 * map.html in Chinese (issue 13 item 3): the sample region kuiwen-sample-zh planned and rendered
 * with lang zh-CN in headless Chromium with the CJK font .ci/run installs (fonts-noto-cjk): the
 * page is `lang="zh-CN"`, labels, tier names, rep tiers and weekdays are Chinese, the plan time is
 * shown in the region's zone, no text is an English catalogue label or a missing-key marker, and
 * Chinese glyphs really render (two different characters draw different pixels; missing glyphs
 * draw the same box). The screenshot goes to the browser's scratch folder, not into the repo.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { messagesOf } from '../../src/i18n/catalog.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { MAP_MESSAGE_PREFIXES } from '../../src/io/report/renderMapReport.js';
import { chromiumAvailable, inPage, ReportBrowser, type OpenedReport } from './reportBrowser.js';

function cjkFontInstalled(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).includes('Noto Sans CJK');
  } catch {
    return false;
  }
}
const fontAvailable = cjkFontInstalled();
if (!fontAvailable && process.env.CI)
  throw new Error('no Noto Sans CJK font: CI must install fonts-noto-cjk (see .ci/run)');

/** The page's visible text outside the warnings (plan warnings are the plan's own English text). */
const PAGE_TEXT = `['header', '#map-section', '#balance-section', '#changes-section']
  .map((s) => document.querySelector(s).innerText).join('\\n')`;

/** English catalogue texts of the page that must not show: multi-word fragments between placeholders. */
function englishFragments(): string[] {
  const en = messagesOf('en') as Record<string, string>;
  const zh = messagesOf('zh-CN') as Record<string, string>;
  const fragments = new Set<string>();
  for (const [key, text] of Object.entries(en)) {
    if (!MAP_MESSAGE_PREFIXES.some((p) => key.startsWith(p)) || zh[key] === text) continue;
    for (const part of text.split(/\{\w+\}/)) {
      const fragment = part.trim();
      if (fragment.includes(' ') && fragment.length >= 6) fragments.add(fragment);
    }
  }
  return [...fragments];
}

const browser = new ReportBrowser();
let plan: Plan;
let report: OpenedReport;
beforeAll(async () => {
  if (!chromiumAvailable || !fontAvailable) return;
  await browser.open();
  const { region, policy } = await loadRegion(resolve('data/regions/kuiwen-sample-zh'));
  plan = planRegion({
    region,
    policy,
    previous: null,
    mode: 'fresh',
    now: new Date('2026-03-02T02:15:00Z'),
    seed: 1,
  });
  // A previous plan without a few outlets and one outlet on another rep: new and rep-change rows.
  const moved = plan.outlets[10];
  const otherRep = plan.reps.find((r) => r.pool === moved?.pool && r.id !== moved?.repId)?.id ?? null;
  const previous: Plan = {
    ...plan,
    outlets: plan.outlets.slice(5).map((o) => (o === moved ? { ...o, repId: otherRep } : o)),
  };
  report = await browser.openReport(plan, previous, 'sample-zh', {
    locale: { lang: 'zh-CN', timeZone: 'Asia/Shanghai' },
    previousVersion: '20260301T021500Z-0123abcd',
  });
}, 120_000);
afterAll(async () => {
  if (chromiumAvailable && fontAvailable) await browser.close();
});

describe.skipIf(!chromiumAvailable || !fontAvailable)('map.html --lang zh-CN in headless Chromium', () => {
  it('is a Chinese page: labels, tiers, rep tiers, weekdays, local time; no English label, no missing key', async () => {
    const { page, problems, html } = report;
    expect(problems).toEqual([]);
    expect(html).toContain('<html lang="zh-CN">');
    // The plan was made at 02:15 UTC: 10:15 in Shanghai, with the zone named.
    expect(await page.locator('header .meta').innerText()).toContain(
      '2026-03-02 10:15 Asia/Shanghai (GMT+8)',
    );
    const rep = plan.reps.find((r) => r.tier === 'C' && (r.days?.length ?? 0) > 0);
    if (!rep) throw new Error('the sample plan has no C rep with routes');
    await page.selectOption('#pool-select', rep.pool ?? '');
    await page.selectOption('#rep-select', String(plan.reps.indexOf(rep)));
    const days = await page.locator('#day-select option').allInnerTexts();
    expect(days).toContain('周期内全部线路（每天一种颜色）');
    expect(days.some((d) => /^第1周 周[一二三四五六日]：\d+ 站，/.test(d))).toBe(true);
    await page.selectOption('#day-select', { index: 2 });
    const text = await inPage<string>(page, PAGE_TEXT);
    for (const label of [
      '片区与拜访线路',
      '客户档位',
      '大型客户（核心）',
      '夜店客户（特色）',
      '中型客户（潜力）',
      '小型客户（基础）',
      'C类客户经理',
      '与版本 20260301T021500Z-0123abcd相比的变化',
      '客户经理工作量均衡',
      '每周期拜访',
    ])
      expect(text, label).toContain(label);
    expect(text).toMatch(/第\d周 周[一二三四五六日] - \d\d:\d\d 至 \d\d:\d\d/);
    expect(text).not.toContain('[[missing');
    const english = englishFragments();
    expect(english.length).toBeGreaterThan(40);
    expect(english.filter((fragment) => text.includes(fragment))).toEqual([]);
    // Attributes (titles, placeholders, aria labels) are Chinese too.
    expect(await page.locator('#change-filter').getAttribute('placeholder')).toBe(
      '按客户、客户经理或原因筛选',
    );
    expect(await page.locator('#zoom-reset').getAttribute('title')).toBe('全区域');
  });

  it('draws Chinese glyphs with the CJK font, not boxes; the screenshot has them', async () => {
    const { page } = report;
    // Two different characters in the page's font: real glyphs differ, missing ones are the same box.
    const glyphs = await inPage<{ differ: boolean; width: number; loaded: boolean }>(
      page,
      `(() => {
        const font = '32px ' + getComputedStyle(document.body).fontFamily;
        const draw = (ch) => {
          const c = document.createElement('canvas'); c.width = 40; c.height = 40;
          const g = c.getContext('2d'); g.font = font; g.fillStyle = '#000'; g.textBaseline = 'top';
          g.fillText(ch, 2, 2);
          return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
        };
        const g = document.createElement('canvas').getContext('2d'); g.font = font;
        return { differ: draw('型') !== draw('户'), width: g.measureText('大型客户').width,
          loaded: document.fonts.check('16px "Noto Sans CJK SC"') };
      })()`,
    );
    expect(glyphs.differ).toBe(true);
    expect(glyphs.width).toBeGreaterThan(100);
    expect(glyphs.loaded).toBe(true);
    const png = await page.screenshot({ path: join(browser.work, 'map-report-zh.png'), fullPage: true });
    expect(png.length).toBeGreaterThan(50_000);
  });
});
