/**
 * compare.html's static page and the `territory compare` table in Chinese and English (issue 13
 * item 3): built from two fixture plans (the candidate moves M3 to another rep, M1 to Tuesday,
 * closes M6 and adds S4), so every section of both has rows. The zh-CN output has the Chinese
 * labels, tier names and weekdays, times in the region's zone with the zone named, and no English
 * catalogue text; the English output is unchanged in wording.
 */
import { describe, expect, it } from 'vitest';
import { renderComparePlans, renderCompareTable } from '../../../src/cli/format/compareTable.js';
import { comparePlans } from '../../../src/domain/plan/comparePlans.js';
import { messagesOf, translator } from '../../../src/i18n/catalog.js';
import { buildCompareFile } from '../../../src/io/compare/compareFile.js';
import { renderCompareReport } from '../../../src/io/compare/renderCompareReport.js';
import type { LoadedPlanRef } from '../../../src/io/compare/loadComparedPlans.js';
import { buildFixturePlan } from '../../fixtures/plans/buildFixturePlan.js';

const ZH = { lang: 'zh-CN' as const, timeZone: 'Asia/Shanghai' };

function fixture() {
  const baseline = buildFixturePlan({ without: ['S4'] });
  const candidate = buildFixturePlan({
    without: ['M6'],
    repOf: { M3: 'C2' },
    weekdaysOf: { M1: ['Tue'] },
    generatedAt: '2026-03-03T02:15:00.000Z',
  });
  const plans = [baseline, candidate];
  const comparison = comparePlans(plans);
  const ref = (plan: typeof baseline, name: string, version: string): LoadedPlanRef => ({
    ref: name,
    kind: 'version',
    scenario: null,
    outDir: '/out/fixture',
    version,
    versionDir: `/out/fixture/versions/${version}`,
    status: name === 'current' ? 'current' : 'candidate',
    plan,
  });
  const file = buildCompareFile({
    loaded: [
      ref(baseline, 'current', '20260302T021500Z-aaaa'),
      ref(candidate, 'cand', '20260303T021500Z-bbbb'),
    ],
    comparison,
    slug: 'current--cand',
    now: new Date('2026-03-03T09:30:00Z'),
  });
  return { file, plans, comparison };
}

/** Multi-word English fragments of the catalogue keys with a prefix (what must not show in zh). */
function englishFragments(prefixes: readonly string[]): string[] {
  const en = messagesOf('en') as Record<string, string>;
  const zh = messagesOf('zh-CN') as Record<string, string>;
  const out = new Set<string>();
  for (const [key, text] of Object.entries(en)) {
    if (!prefixes.some((p) => key.startsWith(p)) || zh[key] === text) continue;
    for (const part of text.split(/\{\w+\}/)) {
      const fragment = part.trim();
      if (fragment.includes(' ') && fragment.length >= 6) out.add(fragment);
    }
  }
  return [...out];
}

describe('the compare table in zh-CN and en', () => {
  it('prints Chinese labels, tier names and zoned times in zh-CN, with no English catalogue text', () => {
    const { file } = fixture();
    const text = `${renderComparePlans(file, ZH)}\n${renderCompareTable(file, translator('zh-CN'))}`;
    for (const label of [
      '指标',
      '各分组人员配置',
      '数量与质量',
      '每周期线路',
      '与基准相比',
      '分组 C 客户经理 / 按工作量所需',
      '拜访占比：大型客户（核心）',
      '拜访占比：小型客户（基础）',
      '更换客户经理的客户',
      '基准',
      '计划时间 2026-03-03 10:15 Asia/Shanghai (GMT+8)',
      '，基准',
    ])
      expect(text, label).toContain(label);
    const english = englishFragments(['compare.row.', 'compare.section.', 'compare.cell.', 'cli.compare.']);
    expect(english.length).toBeGreaterThan(10);
    expect(english.filter((f) => text.includes(f))).toEqual([]);
    expect(text).not.toMatch(/\b(figure|baseline|planned|outlets|reps)\b/);
    // Columns line up in terminal columns: every figure row's label column is equally wide.
    const lines = renderCompareTable(file, translator('zh-CN')).split('\n');
    const rule = lines[1] ?? '';
    expect(rule).toMatch(/^-+ {2}-+ {2}-+$/);
  });

  it('keeps the English wording by default', () => {
    const { file } = fixture();
    const table = renderCompareTable(file);
    expect(table.split('\n')[0]).toMatch(/^figure\s+current\s+cand$/);
    expect(table).toContain('Staffing per pool');
    expect(table).toContain('  outlets changing rep');
    expect(table).toContain('share of visits: Large (core)');
    expect(renderComparePlans(file)).toContain(
      '(current, rebuild, planned 2026-03-02 02:15 UTC (GMT+0)), baseline',
    );
    expect(table).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('compare.html in zh-CN (static page)', () => {
  it('is lang="zh-CN" with Chinese headings, controls and weekdays, the comparison time in the zone', () => {
    const { file, plans, comparison } = fixture();
    const html = renderCompareReport({ file, plans, comparison, locale: ZH });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('对比时间 2026-03-03 17:30 Asia/Shanghai (GMT+8)');
    for (const label of [
      '方案并列对比',
      '<h2>地图</h2>',
      '<h2>指标</h2>',
      '圈出有变化的客户',
      'title="全区域"',
      '周二',
    ])
      expect(html, label).toContain(label);
    const body = html.slice(0, html.indexOf('<script'));
    const english = englishFragments(['compare.']);
    expect(english.filter((f) => body.includes(f))).toEqual([]);
    // The script's catalogue is embedded in the page's language.
    expect(html).toContain('"compare.pools.all":"全部分组"');
    const en = renderCompareReport({ file, plans, comparison });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Outlets that change against the baseline');
  });
});
