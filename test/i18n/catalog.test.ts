import { describe, expect, it } from 'vitest';
import { fillTemplate, messagesOf, translator, type MessageKey } from '../../src/i18n/catalog.js';
import { formatZonedTime } from '../../src/i18n/formatZonedTime.js';
import { LANGUAGES, languageOfLocale, languageSchema } from '../../src/i18n/languages.js';
import { resolveReportLocale } from '../../src/i18n/reportLocale.js';
import { reasonLabel } from '../../src/i18n/reasonLabel.js';
import { MAP_REPORT_SCRIPT } from '../../src/io/report/mapReportScript.js';
import { MAP_MESSAGE_PREFIXES } from '../../src/io/report/renderMapReport.js';
import { CHANGE_KINDS } from '../../src/io/report/mapReportReview.js';
import { COMPARE_REPORT_SCRIPT } from '../../src/io/compare/compareReportScript.js';
import { COMPARE_MESSAGE_PREFIXES } from '../../src/io/compare/renderCompareReport.js';
import { OUTLET_TIERS, REP_TIERS, WEEKDAYS } from '../../src/domain/types.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogue', () => {
  const en = messagesOf('en');
  it('has every key in every language, none empty, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    for (const lang of LANGUAGES) {
      const messages = messagesOf(lang) as Record<string, string>;
      expect(Object.keys(messages).sort(), lang).toEqual(keys);
      for (const key of keys) {
        const text = messages[key];
        expect(typeof text === 'string' && text.trim() !== '', `${lang} ${key} is empty`).toBe(true);
        expect(placeholders(text ?? ''), `${lang} ${key}`).toEqual(placeholders(en[key as MessageKey]));
      }
    }
  });

  it('has every key the map page script looks up, literal or built from a tier, weekday or kind', () => {
    // t('key') and t('key', {...}); keys built by concatenation ('common.tier.' + tier) are listed below.
    const literal = [...MAP_REPORT_SCRIPT.matchAll(/\bt\('([^']+)'\s*[,)]/g)].map((m) => m[1] ?? '');
    const built = [
      ...OUTLET_TIERS.map((t) => `common.tier.${t}`),
      ...REP_TIERS.map((t) => `common.repTier.${t}`),
      ...WEEKDAYS.map((d) => `common.weekday.${d}`),
      ...CHANGE_KINDS.map((k) => `map.kind.${k}`),
      'map.legend.repChanged',
      'map.legend.weekdayChanged',
      'map.legend.new',
      'map.legend.tierChanged',
    ];
    expect(literal.length).toBeGreaterThan(60);
    for (const key of [...literal, ...built]) {
      expect(Object.hasOwn(en, key), `missing key ${key}`).toBe(true);
      expect(
        MAP_MESSAGE_PREFIXES.some((p) => key.startsWith(p)),
        `${key} is not embedded in map.html`,
      ).toBe(true);
    }
  });

  it('has every key the compare page script looks up, and embeds them in compare.html', () => {
    const literal = [...COMPARE_REPORT_SCRIPT.matchAll(/\bt\('([^']+)'\s*[,)]/g)].map((m) => m[1] ?? '');
    const built = [
      ...WEEKDAYS.map((d) => `common.weekday.${d}`),
      ...['plan', 'rep', 'weekdays', 'against'].map((c) => `compare.pick.col.${c}`),
    ];
    expect(literal.length).toBeGreaterThan(15);
    for (const key of [...literal, ...built]) {
      expect(Object.hasOwn(en, key), `missing key ${key}`).toBe(true);
      expect(
        COMPARE_MESSAGE_PREFIXES.some((p) => key.startsWith(p)),
        `${key} is not embedded in compare.html`,
      ).toBe(true);
    }
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('zh-CN')('map.dayLabel', { week: 2, weekday: '周三' })).toBe('第2周 周三');
    expect(translator('en')('map.dayLabel', { week: 2, weekday: 'Wed' })).toBe('Week 2 Wed');
    expect(translator('zh-CN')('common.tier.night-venue')).toBe('夜店客户（特色）');
    expect(translator('zh-CN')('common.repTier.B')).toBe('B类客户经理');
  });
});

describe('change reasons', () => {
  it('words every reason plan.json writes in Chinese, and keeps the ids in English and for free text', () => {
    const ids = [
      'new',
      'rebalanced',
      'tier-changed',
      'locked',
      'redrawn',
      'rep-removed',
      'rep-added',
      'moved',
    ];
    const days = [
      'rep-changed',
      'cycle-changed',
      'frequency-changed',
      'rebalanced',
      'replanned',
      'working-days-changed',
    ];
    for (const id of [
      ...ids,
      ...days,
      'closed',
      'quarantined',
      'missing',
      'first plan',
      'new outlet',
      'rep changed',
      'rescheduled',
    ]) {
      expect(reasonLabel(id, 'zh-CN'), id).toMatch(/[\u4e00-\u9fff]/);
      expect(reasonLabel(id, 'en')).toBe(id);
    }
    expect(reasonLabel('frequency-changed', 'zh-CN')).toBe('拜访频率变更');
    expect(reasonLabel('volume 700 >= 600', 'zh-CN')).toBe('volume 700 >= 600');
  });
});

describe('report language and time zone', () => {
  it('reads languages from flags and locales', () => {
    expect(languageSchema.parse('zh_CN')).toBe('zh-CN');
    expect(languageSchema.parse('ZH')).toBe('zh-CN');
    expect(languageSchema.parse('en-US')).toBe('en');
    expect(languageSchema.safeParse('fr').success).toBe(false);
    expect(languageOfLocale('zh_CN.UTF-8')).toBe('zh-CN');
    expect(languageOfLocale('zh_TW.GB18030')).toBe('zh-CN');
    expect(languageOfLocale('C.UTF-8')).toBe('en');
    expect(languageOfLocale('zhx')).toBe('en');
    expect(languageOfLocale('')).toBeNull();
    expect(languageOfLocale(undefined)).toBeNull();
  });

  it('takes --lang over the policy over the locale, and the policy zone over the schedule zone', () => {
    const policy = { lang: 'en' as const, timeZone: 'Asia/Urumqi' };
    expect(resolveReportLocale({ lang: 'zh-CN', defaultLang: 'en', defaultTimeZone: 'UTC' }, policy)).toEqual(
      {
        lang: 'zh-CN',
        timeZone: 'Asia/Urumqi',
      },
    );
    expect(resolveReportLocale({ defaultLang: 'zh-CN', defaultTimeZone: 'Asia/Shanghai' }, policy).lang).toBe(
      'en',
    );
    expect(
      resolveReportLocale({ defaultLang: 'zh-CN', defaultTimeZone: 'Asia/Shanghai' }, undefined),
    ).toEqual({
      lang: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(resolveReportLocale(undefined, undefined)).toEqual({ lang: 'en', timeZone: 'UTC' });
  });

  it('shows an instant as wall-clock time in the zone, with the zone', () => {
    expect(formatZonedTime('2026-12-07T17:05:00Z', 'Asia/Shanghai')).toBe(
      '2026-12-08 01:05 Asia/Shanghai (GMT+8)',
    );
    expect(formatZonedTime('2026-12-07T17:05:00Z', 'UTC')).toBe('2026-12-07 17:05 UTC (GMT+0)');
    expect(formatZonedTime('not a time', 'UTC')).toBe('not a time');
  });
});
