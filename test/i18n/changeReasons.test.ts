/**
 * Change reasons written as text in the report language (issue 13 item 3): a tier change's
 * segmentation reason and a moved outlet's verdict come from `change.*` templates, so plan.json
 * keeps the English text while map.html's changes table (reasonLabel) shows it in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { fillTemplate, messagesOf, type MessageKey } from '../../src/i18n/catalog.js';
import { parseWarning } from '../../src/i18n/localiseWarning.js';
import { reasonLabel } from '../../src/i18n/reasonLabel.js';
import type { ChangesFile } from '../../src/io/artifacts/renderChanges.js';
import { buildReportReview } from '../../src/io/report/mapReportReview.js';
import { QuantizedCoordinates } from '../../src/io/report/quantizedCoordinates.js';

const en = messagesOf('en');
const hasChinese = /[\u4e00-\u9fff]/;
/** What a Chinese reason may still hold: column names, rep and rule ids, tier ids of hysteresis notes. */
const strip = (text: string): string =>
  text
    .replace(/\b(?:business_type|monthly_volume)\b/g, '')
    .replace(/\b(?:r\d+|kiosk|petrol_station|pharmacy|top-kiosks|top-half|large-formats|any-big)\b/g, '');
const englishWord = /[A-Za-z]{2,}/;

describe('change reasons from the catalogue', () => {
  it('parse every change template back to its key and show it in Chinese', () => {
    const keys = (Object.keys(en) as MessageKey[]).filter(
      (key) => key.startsWith('change.') && !key.startsWith('change.label.'),
    );
    expect(keys.length).toBeGreaterThanOrEqual(11);
    for (const key of keys) {
      const params: Record<string, string> = {};
      for (const m of en[key].matchAll(/\{(\w+)\}/g)) params[m[1] ?? ''] = 'r7';
      Object.assign(params, { km: '1.25', tier: 'medium', rule: 'top-kiosks', type: 'kiosk' });
      if (key === 'change.tier.rule') params.because = 'business_type=kiosk';
      const text = fillTemplate(en[key], params);
      expect(parseWarning(text, 'change')?.key, text).toBe(key);
      const zh = reasonLabel(text, 'zh-CN');
      expect(zh, text).toMatch(hasChinese);
      expect(strip(zh), zh).not.toMatch(englishWord);
      expect(reasonLabel(text, 'en')).toBe(text);
    }
  });

  it('words segmentation reasons as the segmentation tests have them', () => {
    const cases: Array<[string, string]> = [
      [
        'business_type=kiosk, monthly_volume=80 >= 76.5 (p90 of 11 kiosk outlets), 15% hysteresis keeps medium -> medium (rule top-kiosks)',
        'business_type=kiosk，monthly_volume=80 >= 76.5（11 家 kiosk 的第 90 百分位），15% 回差：原为中型客户（潜力），门槛放宽 -> 中型客户（潜力）（规则 top-kiosks）',
      ],
      [
        'monthly_volume=4000 >= 4000 (p50 region-wide: only 3 kiosk outlets, fewer than 10) -> medium (rule top-half)',
        'monthly_volume=4000 >= 4000（全区第 50 百分位：kiosk 只有 3 家，少于 10 家） -> 中型客户（潜力）（规则 top-half）',
      ],
      [
        'no rule matched business_type=, monthly_volume=40 -> small (default tier)',
        '没有规则匹配 business_type=、monthly_volume=40 -> 小型客户（基础）（默认档位）',
      ],
      [
        'no rule matched business_type=(empty), monthly_volume=40 -> small (default tier)',
        '没有规则匹配 business_type=（空）、monthly_volume=40 -> 小型客户（基础）（默认档位）',
      ],
      ['any outlet -> large (rule any-big)', '任何客户 -> 大型客户（核心）（规则 any-big）'],
      [
        "moved 1.25 km; still fits rep r1's territory (nearest outlet of rep r1 0.40 km, of rep r2 0.90 km, rep r1's typical spacing 0.30 km)",
        '位置移动 1.25 公里；仍适合客户经理 r1 的片区（客户经理 r1 最近的客户 0.40 公里，客户经理 r2 的 0.90 公里，客户经理 r1 的客户通常相距 0.30 公里）',
      ],
    ];
    for (const [text, zh] of cases) expect(reasonLabel(text, 'zh-CN')).toBe(zh);
    // An older plan's free text no template covers stays as written.
    expect(reasonLabel('volume 700 >= 600', 'zh-CN')).toBe('volume 700 >= 600');
  });
});

describe("map.html's changes table", () => {
  it('labels a tier change and a move with their reasons in the page language', () => {
    const tier = 'any outlet -> large (rule any-big)';
    const move = 'moved 3.10 km; locked to rep r1';
    const changes = {
      previous: { generatedAt: '2026-12-01T00:00:00Z', inputHash: 'x' },
      counts: { new: 0, closed: 0, repChanged: 0, weekdayChanged: 0, tierChanged: 1, moved: 1 },
      new: [],
      closed: [],
      repChanged: [],
      weekdayChanged: [],
      tierChanged: [
        { outletId: 'o1', name: 'o1', from: 'small', to: 'large', rule: 'any-big', reason: tier },
      ],
      moved: [
        {
          outletId: 'o2',
          name: 'o2',
          from: { lon: 116.4, lat: 39.9 },
          to: { lon: 116.43, lat: 39.9 },
          km: 3.1,
          fromRep: 'r1',
          toRep: 'r1',
          reassigned: false,
          fit: 'locked',
          reason: move,
        },
      ],
    } as unknown as ChangesFile;
    const review = (lang: 'en' | 'zh-CN') =>
      buildReportReview({
        changes,
        previous: null,
        previousVersion: 'v1',
        previousTerritories: null,
        outletIndex: new Map([
          ['o1', 0],
          ['o2', 1],
        ]),
        repIndex: new Map([['r1', 0]]),
        pools: [],
        tiers: ['large', 'small'],
        coords: new QuantizedCoordinates([[116.4, 39.9]]),
        timeZone: 'UTC',
        lang,
      }).labels;
    expect(review('en')).toEqual(expect.arrayContaining([tier, move]));
    expect(review('zh-CN')).toEqual(
      expect.arrayContaining([
        '任何客户 -> 大型客户（核心）（规则 any-big）',
        '位置移动 3.10 公里；已锁定给客户经理 r1',
      ]),
    );
  });
});
