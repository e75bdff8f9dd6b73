/**
 * Plan warnings in the report language (issue 13 item 3): plan.warnings stays the English text
 * (the JSON contract), rendered by the domain from the `warning.*` catalogue templates; the pages
 * and the CLI parse each warning back to its template and values (parseWarning) and render it in
 * the report language. Checked: every template round-trips; the warnings the domain really
 * writes parse, and the English rendering of each notice equals the warning exactly; the Chinese
 * rendering has the practice's tier names and no English template text; a warning no template
 * covers (an older plan's wording) is shown as written.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { buildPools } from '../../src/domain/pools/buildPools.js';
import { unmatchedTypesWarning } from '../../src/domain/segmentation/segmentOutlets.js';
import { commuteWarnings } from '../../src/domain/territories/commuteWarnings.js';
import type { Rep, RepTier } from '../../src/domain/types.js';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { messagesOf, type MessageKey } from '../../src/i18n/catalog.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import {
  localiseError,
  localiseWarning,
  parseWarning,
  renderNotice,
} from '../../src/i18n/localiseWarning.js';
import { decodeCsvText } from '../../src/io/region/decodeCsvText.js';
import { describeStaffingStep } from '../../src/domain/plan/staffingRecommendation.js';
import { assignTerritories } from '../../src/domain/territories/assignTerritories.js';
import { baseInput, grid, outletAt, repAt } from '../territories/fixtures.js';

const en = messagesOf('en');
const warningKeys = (Object.keys(en) as MessageKey[]).filter(
  (k) => k.startsWith('warning.') && !k.startsWith('warning.label.'),
);

/** A plausible value per placeholder name (tiers where the name says tier). */
const SAMPLE: Record<string, string> = {
  tier: 'medium',
  tiers: 'large, small',
  repTier: 'C',
  label: 'pool C',
  prefix: 'pool D: ',
  parts: '"便利店" 12 -> small (no rule names this type)',
  causes: 'capacity 0; 3 outlets locked to it (120 min)',
  isolated: 'o7 (rep r2, +12.0%; 5th-nearest pool outlet 31.2 km away; 231 min)',
  unmet: 'o1 (the outlet has no planned rep visits), o2 (not placed)',
  nth: '5th',
};

/** Imbalance warnings the territory step writes: locks, a remote trip, a kept outlier, a far home. */
function imbalanceWarnings(): string[] {
  const locked = grid('g', 5, 0.3).map((o, i) => (i < 20 ? { ...o, lockedRepId: 'r1' } : o));
  const three = [repAt('r1', 0, 0), repAt('r2', 1, 1), repAt('r3', 1, 0)];
  const inputs = [
    baseInput(locked, [repAt('r1', 0, 0), repAt('r2', 1, 1)]),
    baseInput(
      [outletAt('a', 0, 0), outletAt('b', 0.2, 0), outletAt('c', 30, 0)],
      [repAt('r1', 0, 0), repAt('r2', 0.1, 0)],
    ),
    baseInput([...grid('g', 6, 0.3), outletAt('far', 40, 0)], three),
    baseInput(grid('g', 6, 0.3), [repAt('r1', 0, 0), repAt('r2', 1, 1), repAt('r3', 900, 0)]),
  ];
  return inputs.flatMap((input) =>
    assignTerritories(input).warnings.filter((w) => w.includes('could not be reached')),
  );
}

/**
 * Escort-cadence and road-travel warnings as the code wrote them before they came from the
 * catalogue (their reasons hold the separators themselves: `; ` and `, `).
 */
const LITERAL_WARNINGS = [
  'escorts: manager cadence unmet at 3 outlet(s): o1 (the outlet has no planned rep visits), o2 (no supervisor with role manager supervises rep r9), o3 (the rep visits 1 day(s) every 2 week(s), less often than weekly needs); see plan.json outlets[].escorts[].unmet',
  'escorts: manager cadence unmet at 7 outlet(s): o1 (no supervisor day fits (s1 does not work on tue; s2 is with rep r3 that day)), o2 (no supervisor day fits (s1 does not work on tue; s2 is with rep r3 that day; s3 would have to leave home before the day start; ...)), o3 (not placed), o4 (not placed), o5 (not placed), ...; see plan.json outlets[].escorts[].unmet',
  'travel cache redis key travel:osrm:A was corrupted (bad header); rebuilt from osrm',
  "travel cache: pool A's table (812.4 MiB) is larger than TRAVEL_CACHE_MAX_MB (512.0 MiB) and was not cached; every run fetches it again",
  '2 outlet(s) have no osrm road route to the rest of their pool and were quarantined: o1, o2',
  '12 outlet(s) have no osrm road route to the rest of their pool and were quarantined: o01, o02, o03, o04, o05, o06, o07, o08, o09, o10, ...',
  'travel: osrm failed (HTTP 503 from http://osrm:5000); planned on great-circle lines (travel.fallback: great-circle)',
  "staffing: move 1 rep from A to B; add 2 C reps would bring every pool under 100% of its working time (estimate from each pool's reps for load)",
  "staffing: move 3 reps from B to D; add 1 A rep would bring every pool under 100% of its working time (estimate from each pool's reps for load)",
  'the plans are of different regions (north, south): outlets are matched by id',
];

function rep(id: string, tier: RepTier): Rep {
  return {
    id,
    name: id,
    tier,
    homeLon: 0,
    homeLat: 0,
    dailyMinutes: null,
    workingDays: null,
    capacity: 1,
    line: 2,
  };
}

/** Warnings the domain writes, one or more per kind this test can provoke directly. */
function domainWarnings(): string[] {
  const pooled = buildPools(DEFAULT_POLICY.pools, [rep('b', 'B'), rep('c', 'C')]).warnings;
  const noPool = buildPools(
    DEFAULT_POLICY.pools.filter((p) => p.id !== 'D'),
    [rep('a', 'A'), rep('d1', 'D')],
  ).warnings;
  const unmatched = [
    unmatchedTypesWarning([
      {
        businessType: 'convenience store',
        outlets: 1,
        tier: 'small',
        namedBy: [],
        didYouMean: 'convenience_store',
      },
    ]),
    unmatchedTypesWarning([{ businessType: '便利店', outlets: 40, tier: 'small', namedBy: [] }]),
    unmatchedTypesWarning([
      { businessType: '便利店', outlets: 40, tier: 'small', namedBy: [] },
      { businessType: 'bar', outlets: 3, tier: 'small', namedBy: ['night', 'bar-big'] },
    ]),
  ].filter((w): w is string => w !== null);
  const commute = [
    ...commuteWarnings(new Map([['R7', { commuteKm: 31.26, outletCount: 80 }]]), 25, 'pool C'),
    ...commuteWarnings(new Map([['R8', { commuteKm: 40, outletCount: 9 }]]), 25),
  ];
  return [...pooled, ...noPool, ...unmatched, ...commute, ...imbalanceWarnings(), ...LITERAL_WARNINGS];
}

describe('plan warnings from the catalogue', () => {
  it('round-trips every warning template: render in English, parse back, same key and values', () => {
    expect(warningKeys.length).toBeGreaterThan(15);
    for (const key of warningKeys) {
      const names = [...new Set([...en[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))];
      const params = Object.fromEntries(names.map((n, i) => [n, SAMPLE[n] ?? `v${i}x`]));
      const text = en[key].replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? '');
      const notice = parseWarning(text);
      expect(notice, key).toEqual({ key, params });
      expect(renderNotice(notice as NonNullable<typeof notice>, 'en')).toBe(text);
    }
  });

  it('parses the warnings the domain writes; each notice rendered in English equals the warning', async () => {
    // The tiny region's plan: a part-time rep's capacity and a long commute.
    const { region, policy } = await loadRegion('test/fixtures/regions/tiny');
    const plan = planRegion({
      region,
      policy,
      previous: null,
      mode: 'fresh',
      now: new Date('2026-12-07T08:00:00Z'),
      seed: 1,
    });
    expect(plan.warnings.length).toBe(2);
    expect(localiseWarning(plan.warnings[0] ?? '', 'zh-CN')).toContain('相当于全职B类客户经理的 30%');
    expect(localiseWarning(plan.warnings[1] ?? '', 'zh-CN')).toMatch(/^分组 D：客户经理 rD 住处距其片区/);
    const warnings = [...domainWarnings(), ...plan.warnings];
    expect(warnings.length).toBeGreaterThanOrEqual(20);
    for (const warning of warnings) {
      const notice = parseWarning(warning);
      expect(notice, warning).not.toBeNull();
      if (notice) expect(renderNotice(notice, 'en')).toBe(warning);
    }
  });

  it('shows them in Chinese with the practice tier names, pool labels and no English template text', () => {
    const zh = domainWarnings().map((w) => localiseWarning(w, 'zh-CN'));
    expect(zh).toContain('分组 A 没有客户经理：其大型客户（核心）客户转给分组 B');
    expect(zh).toContain('客户经理 d1（D类客户经理）不属于策略中的任何分组，不会分到客户');
    expect(zh).toContain(
      '1 家客户（1 种业态）没有匹配任何分档规则，归入了默认档位：“convenience store” 1 家 -> 小型客户（基础）（没有规则提到该业态；是否指 convenience_store？）',
    );
    expect(zh).toContain(
      '43 家客户（2 种业态）没有匹配任何分档规则，归入了默认档位：“便利店” 40 家 -> 小型客户（基础）（没有规则提到该业态）；“bar” 3 家 -> 小型客户（基础）（规则 night, bar-big 提到了它，但销量范围不符）',
    );
    expect(zh.some((w) => w.startsWith('分组 C：客户经理 R7 住处距其片区（80 家客户）中心 31.3 公里'))).toBe(
      true,
    );
    const imbalance = zh.filter((w) => w.includes('无法把工作量均衡'));
    expect(imbalance).toHaveLength(4);
    expect(imbalance.some((w) => w.includes('20 家客户锁定给该客户经理'))).toBe(true);
    expect(imbalance.some((w) => /客户经理 r2 的片区偏远/.test(w))).toBe(true);
    expect(
      imbalance.some((w) =>
        /far（客户经理 r\d，[+-]\d+\.\d%；与分组内第 5 近的客户相距 3\d\.\d 公里/.test(w),
      ),
    ).toBe(true);
    expect(imbalance.some((w) => /其住处距分组内最近的客户 89\d\.\d 公里/.test(w))).toBe(true);
    expect(zh).toContain(
      '陪访：3 家客户未满足 manager 的陪访频次：o1（该客户没有计划中的客户经理拜访），o2（没有角色为 manager 的主管负责客户经理 r9），o3（客户经理每 2 周只拜访 1 天，少于 weekly 的要求）；详见 plan.json 的 outlets[].escorts[].unmet',
    );
    expect(
      zh.some((w) => w.includes('o1（没有合适的主管工作日（s1 tue不上班；s2 当天陪同客户经理 r3））')),
    ).toBe(true);
    expect(zh.some((w) => w.includes('o3（未安排），o4（未安排），o5（未安排），……'))).toBe(true);
    expect(zh).toContain(
      '路程：osrm 调用失败（HTTP 503 from http://osrm:5000）；改用大圆直线距离规划（travel.fallback: great-circle）',
    );
    expect(zh).toContain(
      '12 家客户与分组内其他客户之间没有 osrm 道路路线，已隔离：o01, o02, o03, o04, o05, o06, o07, o08, o09, o10，……',
    );
    expect(zh).toContain(
      '人员配置：从分组 A 调 1 名客户经理到分组 B，为分组 C 增加 2 名客户经理，即可使每个分组的工作量低于其工作时间的 100%（按各分组客户经理的工作量估算）',
    );
    expect(zh).toContain('这些计划属于不同的区域（north, south）：客户按编号对应');
    expect(localiseWarning(describeStaffingStep({ kind: 'add', reps: 2, toPool: 'C' }), 'zh-CN')).toBe(
      '为分组 C 增加 2 名客户经理',
    );
    const fragments = warningKeys.flatMap((k) =>
      en[k]
        .split(/\{\w+\}/)
        .map((f) => f.trim())
        .filter((f) => f.includes(' ') && f.length >= 8),
    );
    expect(fragments.filter((f) => zh.some((w) => w.includes(f)))).toEqual([]);
  });

  it('leaves English as written, and a warning no template covers as written in every language', () => {
    const [first] = domainWarnings();
    expect(localiseWarning(first ?? '', 'en')).toBe(first);
    const old = 'pool Z was planned the old way: no template says this';
    expect(parseWarning(old)).toBeNull();
    expect(localiseWarning(old, 'zh-CN')).toBe(old);
  });
});

describe('why no supervisor day fits an escort', () => {
  it('words every day reason in Chinese, weekdays as the practice names them', () => {
    const reasons = [
      's1 does not work on Tue',
      'the rep has no stop at the outlet in week 2 Wed',
      's2 is with rep r3 that day',
      "s3 has 2 joint visits that day (the role's maximum)",
    ];
    const more = [
      "the extra 15 minutes would take the rep's day over its budget",
      "s4's day would exceed 480 minutes",
      's5 would have to leave home before the day start',
    ];
    const warning = (items: string[], tail: string): string =>
      `escorts: manager cadence unmet at 2 outlet(s): o1 (no supervisor day fits (${items.join('; ')}${tail})), o2 (not placed); see plan.json outlets[].escorts[].unmet`;
    expect(localiseWarning(warning(reasons.slice(0, 3), '; ...'), 'zh-CN')).toContain(
      'o1（没有合适的主管工作日（s1 周二不上班；客户经理第 2 周周三没有到该客户的拜访；s2 当天陪同客户经理 r3；……））',
    );
    expect(localiseWarning(warning([reasons[3] ?? '', ...more], ''), 'zh-CN')).toContain(
      'o1（没有合适的主管工作日（s3 当天已有 2 次陪访（该角色的上限）；增加的 15 分钟会使客户经理当天超出工时；s4 当天的工时将超过 480 分钟；s5 须在上班时间之前出门））',
    );
  });
});

describe('fatal input error lines from the catalogue', () => {
  it('localises a file in neither UTF-8 nor GB18030 and an empty file; others stay as written', () => {
    const message = (bytes: Uint8Array): string => {
      try {
        decodeCsvText(bytes, '/r/outlets.csv');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('decoded');
    };
    const latin = message(Uint8Array.from([0x69, 0x64, 0x0a, 0xff, 0xff, 0x0a]));
    expect(latin).toMatch(/^\/r\/outlets\.csv: not UTF-8 text .* and not GB18030\/GBK either/);
    expect(parseWarning(latin, 'error')).not.toBeNull();
    expect(localiseError(latin, 'zh-CN')).toMatch(
      /^\/r\/outlets\.csv：既不是 UTF-8 文本（无效字节 .+），也不是 GB18030\/GBK 文本/,
    );
    expect(localiseError(latin, 'en')).toBe(latin);
    expect(localiseError(message(new Uint8Array(0)), 'zh-CN')).toBe('/r/outlets.csv：文件是空的');
    const other = message(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
    expect(localiseError(other, 'zh-CN')).toBe(other);
  });
});
