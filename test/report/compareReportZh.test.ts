/**
 * compare.html in Chinese (issue 13 item 3): the Chinese sample region (a copy of
 * kuiwen-sample-zh whose policy.json says `report: {lang: zh-CN, timeZone: Asia/Shanghai}`)
 * planned, with its add-rep and weekly-small scenarios, compared by the real `territory compare`
 * under an English LANG: the region policy decides the language (no --lang), so the table and the
 * page are Chinese. In headless Chromium with the CJK font .ci/run installs (fonts-noto-cjk) the
 * page is `lang="zh-CN"`, its labels, legends, pool options, picked-outlet table and weekdays are
 * Chinese, the times are shown in Asia/Shanghai with the zone named, no text is an English
 * catalogue label or a missing-key marker, and Chinese glyphs really render.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from '../../src/app/runPlan.js';
import { messagesOf } from '../../src/i18n/catalog.js';
import { COMPARE_MESSAGE_PREFIXES } from '../../src/io/compare/renderCompareReport.js';
import { territory, type CliResult } from '../cli/runCli.js';
import { publishSampleScenarios } from '../fixtures/plans/sampleScenarios.js';
import { chromiumAvailable, inPage, ReportBrowser } from './reportBrowser.js';

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

/** English catalogue texts of compare.html that must not show: multi-word fragments between placeholders. */
function englishFragments(prefixes: readonly string[]): string[] {
  const en = messagesOf('en') as Record<string, string>;
  const zh = messagesOf('zh-CN') as Record<string, string>;
  const fragments = new Set<string>();
  for (const [key, text] of Object.entries(en)) {
    if (!prefixes.some((p) => key.startsWith(p)) || zh[key] === text) continue;
    for (const part of text.split(/\{\w+\}/)) {
      const fragment = part.trim();
      if (fragment.includes(' ') && fragment.length >= 6) fragments.add(fragment);
    }
  }
  return [...fragments];
}

/** The page's visible text outside the warnings (comparison warnings are the plans' own English text). */
const PAGE_TEXT = `['header', '#plans-section', '#maps-section', '#figures-section', '#changes-section']
  .map((s) => document.querySelector(s).innerText).join('\\n')`;

const browser = new ReportBrowser();
let work: string;
let cli: CliResult;
let htmlPath: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compare-zh-'));
  const region = join(work, 'kuiwen-sample-zh');
  await cp(resolve('data/regions/kuiwen-sample-zh'), region, { recursive: true });
  await writeFile(
    join(region, 'policy.json'),
    JSON.stringify({ report: { lang: 'zh-CN', timeZone: 'Asia/Shanghai' } }),
  );
  const out = join(work, 'out');
  await runPlan({ regionDir: region, outDir: out, mode: 'rebuild', now: new Date('2026-12-06T08:00:00Z') });
  await publishSampleScenarios(out, region);
  cli = await territory(
    ['compare', '--region', region, '--out', out, 'current', 'scenario:add-rep', 'scenario:weekly-small'],
    { env: { LANG: 'en_US.UTF-8', LC_ALL: '' } },
  );
  htmlPath = /已写入 (\S+compare\.html)/.exec(cli.stdout)?.[1] ?? '';
  if (chromiumAvailable && fontAvailable) await browser.open();
}, 180_000);
afterAll(async () => {
  if (chromiumAvailable && fontAvailable) await browser.close();
  await rm(work, { recursive: true, force: true });
});

describe('territory compare on a region whose policy says zh-CN', () => {
  it('prints the table in Chinese under an English LANG, and --lang en overrides the policy', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('个方案，与 current 对比');
    expect(cli.stdout).toMatch(/^指标\s+current\s+scenario:add-rep\s+scenario:weekly-small$/m);
    expect(cli.stdout).toContain('分组 C 客户经理 / 按工作量所需');
    expect(cli.stdout).toContain('拜访占比：夜店客户（特色）');
    expect(cli.stdout).toMatch(/计划时间 2026-12-06 16:00 Asia\/Shanghai \(GMT\+8\)\)，基准/);
    expect(cli.stdout).not.toContain('plans compared against');
    expect(htmlPath).not.toBe('');
    const region = join(work, 'kuiwen-sample-zh');
    const english = await territory(
      [
        'compare',
        '--region',
        region,
        '--out',
        join(work, 'out'),
        '--to',
        join(work, 'en'),
        '--lang',
        'en',
        'current',
        'scenario:add-rep',
      ],
      { env: { LANG: 'zh_CN.UTF-8' } },
    );
    expect(english.code, english.stderr).toBe(0);
    expect(english.stdout).toContain('2 plans compared against current');
    expect(english.stdout).toContain('planned 2026-12-06 16:00 Asia/Shanghai (GMT+8)');
    expect(english.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe.skipIf(!chromiumAvailable || !fontAvailable)('compare.html in zh-CN in headless Chromium', () => {
  let page: Page;
  const problems: string[] = [];
  beforeAll(async () => {
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`file://${htmlPath}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  }, 90_000);

  it('is a Chinese page: labels, legends, pools, picked outlet, weekdays, local time; no English label, no missing key', async () => {
    expect(problems).toEqual([]);
    expect(await inPage<string>(page, 'document.documentElement.lang')).toBe('zh-CN');
    expect(await page.locator('header .meta').innerText()).toMatch(
      /对比时间 \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Shanghai \(GMT\+8\)/,
    );
    expect(await page.locator('#plans-section').innerText()).toContain(
      '2026-12-06 16:00 Asia/Shanghai (GMT+8)',
    );
    const options = await page.locator('#pool-select option').allInnerTexts();
    expect(options).toEqual(['全部分组', '分组 A', '分组 B', '分组 C', '分组 D']);
    // Click a ringed outlet of the add-rep map: its row in every plan, with Chinese weekdays.
    const sample = await inPage<{ x: number; y: number } | null>(
      page,
      "(window.compareState.maps[1].samples.filter(function (s) { return s.kind === 'rep'; })[0]) || null",
    );
    const box = await page.locator('canvas.map').nth(1).boundingBox();
    if (!sample || !box) throw new Error('no ringed outlet on the add-rep map');
    await page.mouse.click(box.x + sample.x, box.y + sample.y);
    const pick = await page.locator('#pick').innerText();
    expect(pick).toMatch(/客户 \S+/);
    expect(pick).toContain('与基准相比');
    expect(pick).toContain('更换客户经理');
    expect(pick).toMatch(/周[一二三四五六日]/);
    await page.locator('details.changes').first().evaluate('(d) => { d.open = true; }');
    const text = await inPage<string>(page, PAGE_TEXT);
    for (const label of [
      '个方案并列对比',
      '方案',
      '地图',
      '圈出有变化的客户',
      '淡化无变化的客户',
      '家更换客户经理',
      '家在后续方案中更换客户经理或拜访日',
      '各分组人员配置',
      '拜访占比：大型客户（核心）',
      '与基准相比有变化的客户',
      '情景 add-rep',
      'current（基准）',
    ])
      expect(text, label).toContain(label);
    expect(text).not.toContain('[[missing');
    const english = englishFragments(COMPARE_MESSAGE_PREFIXES);
    expect(english.length).toBeGreaterThan(30);
    expect(english.filter((fragment) => text.includes(fragment))).toEqual([]);
    expect(await page.locator('#zoom-reset').getAttribute('title')).toBe('全区域');
    expect(await page.locator('canvas.map').nth(1).getAttribute('aria-label')).toBe(
      'scenario:add-rep 的地图',
    );
  });

  it('draws Chinese glyphs with the CJK font, not boxes; the screenshot has them', async () => {
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
    const png = await page.screenshot({ path: join(browser.work, 'compare-report-zh.png'), fullPage: true });
    expect(png.length).toBeGreaterThan(50_000);
  });
});
