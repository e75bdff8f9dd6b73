/**
 * Quarantine reasons in the report language (issue 13 item 3): every row problem of a region load
 * is rendered from a `quarantine.*` template, so plan.json / validate --json keep the English text
 * while `territory validate --lang zh-CN` shows it in Chinese, listed entries and grouped kinds
 * (numbers masked) alike. The fixture test/fixtures/quarantine-reasons has one bad row or field
 * of nearly every kind the loader reports.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, messagesOf, type MessageKey } from '../../src/i18n/catalog.js';
import { localiseQuarantineReason, parseWarning } from '../../src/i18n/localiseWarning.js';
import { maskNumbers } from '../../src/i18n/maskNumbers.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { omissionNote } from '../../src/io/region/quarantine.js';
import { repoRoot, territory } from '../cli/runCli.js';

const fixture = join(repoRoot, 'test/fixtures/quarantine-reasons');
const en = messagesOf('en');
const reasonKeys = (Object.keys(en) as MessageKey[]).filter(
  (key) => key.startsWith('quarantine.') && !key.startsWith('quarantine.label.'),
);
const hasChinese = /[\u4e00-\u9fff]/;

/**
 * The English words a Chinese reason may still hold: column names, the values a user types
 * (status words, rep tiers, frequencies, weekdays, a role), policy keys and ids of the fixture.
 */
const ALLOWED = [
  /\b(?:open_from|open_to|home_lon|home_lat|business_type|monthly_volume|locked_rep|day_start)\b/g,
  /\binput\.outlier(?:MinKm|Factor)\b/g,
  /\b(?:active|closed|market-manager|twice-weekly|weekly|every-#-weeks|every-\d-weeks)\b/g,
  /\bMon-Fri\b|\bMon,Tue,Thu\b/g,
  /\b(?:lon|lat|name|id|reps)\b/g,
  /\bCSV\b/g,
  /\br\d+\b|\br#/g,
];
/** A Chinese reason with the allowed tokens removed: what must hold no English word. */
const strip = (text: string): string => ALLOWED.reduce((rest, re) => rest.replace(re, ''), text);
const englishWord = /[A-Za-z]{2,}/;

describe('quarantine reason templates', () => {
  const sample = (key: MessageKey): string => {
    const params: Record<string, string> = {};
    for (const m of en[key].matchAll(/\{(\w+)\}/g)) params[m[1] ?? ''] = '17';
    if (key === 'quarantine.outlier') params.nth = '5th';
    if (key === 'quarantine.refusedSpan' || key === 'quarantine.refusedSpanBetween')
      params.why = fillTemplate(en['quarantine.label.why.commas'], { commas: 12 });
    if (key === 'quarantine.omitted')
      params.kindReason = maskNumbers(fillTemplate(en['quarantine.duplicateId'], { line: 3 }));
    return fillTemplate(en[key], params);
  };

  it('parse back to their own key and render in Chinese, exact and with numbers masked', () => {
    expect(reasonKeys.length).toBeGreaterThan(40);
    for (const key of reasonKeys) {
      const text = sample(key);
      expect(parseWarning(text, 'quarantine')?.key, text).toBe(key);
      for (const shown of [text, maskNumbers(text)]) {
        const zh = localiseQuarantineReason(shown, 'zh-CN');
        expect(zh, shown).toMatch(hasChinese);
        expect(zh, shown).not.toMatch(/\{\w+\}/);
        expect(strip(zh), zh).not.toMatch(englishWord);
        expect(localiseQuarantineReason(shown, 'en')).toBe(shown);
      }
    }
    expect(localiseQuarantineReason('longitude 200 is outside -180..180; row rejected', 'zh-CN')).toBe(
      '经度 200 超出 -180..180；整行剔除',
    );
    expect(localiseQuarantineReason('not a time (HH:MM, #:#-#:#); opening window ignored', 'zh-CN')).toBe(
      '不是有效时间（时:分，00:00-23:59）；忽略营业时间',
    );
    expect(localiseQuarantineReason('a reason no template has', 'zh-CN')).toBe('a reason no template has');
  });

  it('keep the omission note English and render it, with its kind reason, in Chinese', () => {
    const note = omissionNote({
      file: 'outlets.csv',
      field: 'id',
      action: 'row-rejected',
      reason: 'duplicate id (first used on line #); row rejected',
      count: 5,
      listed: 2,
      omitted: 3,
    });
    expect(note.reason).toBe(
      'omitted: 3 more entries of this kind (5 in all, the first 2 listed): duplicate id (first used on line #); row rejected',
    );
    expect(localiseQuarantineReason(note.reason, 'zh-CN')).toBe(
      '已省略：此类问题还有 3 条（共 5 条，列出前 2 条）：编号重复（第 # 行已用过）；整行剔除',
    );
  });
});

describe('a region of bad rows', () => {
  it('keeps English reasons in the load and shows every one (entries and kinds) in Chinese', async () => {
    const { quarantine } = await loadRegion(fixture, { maxEntriesPerKind: 1 });
    const reasons = [...quarantine.entries, ...quarantine.notes].map((e) => e.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(40);
    expect(reasons).toContain('duplicate id (first used on line 2); row rejected');
    expect(reasons).toContain(
      'latitude 116.4 is outside -90..90 (longitude and latitude swapped?); row rejected',
    );
    for (const reason of [...reasons, ...quarantine.kinds.map((k) => k.reason)]) {
      const zh = localiseQuarantineReason(reason, 'zh-CN');
      expect(zh, reason).toMatch(hasChinese);
      expect(strip(zh), zh).not.toMatch(englishWord);
    }
  });

  it('validate --lang zh-CN shows Chinese reasons and actions; --json keeps them English', async () => {
    const zh = await territory(['validate', '--region', fixture, '--lang', 'zh-CN'], {
      env: { LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('编号重复（第 2 行已用过）；整行剔除');
    expect(zh.stdout).toContain('经度 200 超出 -180..180；整行剔除');
    expect(zh.stdout).not.toContain('row rejected');
    // Every table row's reason (the last column) holds no English word beyond ids and field names.
    const rows = zh.stdout.split('\n').filter((line) => /^(?:outlets|reps|supervisors)\.csv\s/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const row of rows) {
      const reason = row.split(/\s{2,}/).at(-1) ?? '';
      expect(reason, row).toMatch(hasChinese);
      expect(strip(reason), row).not.toMatch(englishWord);
    }
    const json = await territory(['validate', '--region', fixture, '--lang', 'zh-CN', '--json']);
    const parsed = JSON.parse(json.stdout) as { quarantine: Array<{ reason: string }> };
    expect(parsed.quarantine.map((q) => q.reason)).toContain(
      'duplicate id (first used on line 2); row rejected',
    );
    expect(json.stdout).not.toContain('整行剔除');
  });

  it('validate --lang zh-CN words the kinds table of a list cut at 1,000 entries per kind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarantine-kinds-'));
    try {
      const good = Array.from({ length: 20 }, (_, i) => `g${i},G,116.4${i},39.9,kiosk,10`);
      const bad = Array.from({ length: 1003 }, (_, i) => `b${i},B,,39.9,kiosk,10`);
      await writeFile(
        join(dir, 'outlets.csv'),
        ['id,name,lon,lat,business_type,monthly_volume', ...good, ...bad, ''].join('\n'),
      );
      await writeFile(join(dir, 'reps.csv'), 'id,name,tier,home_lon,home_lat\nr1,R,C,116.4,39.9\n');
      const zh = await territory(['validate', '--region', dir, '--lang', 'zh-CN']);
      expect(zh.code, zh.stderr).toBe(0);
      const kinds = zh.stdout.split('\n').filter((line) => /\s1003\s+1000\s/.test(line));
      expect(kinds).toHaveLength(1);
      expect(kinds[0]).toMatch(/^outlets\.csv\s+lon\s+整行剔除\s+1003\s+1000\s+3\s+缺少经度；整行剔除$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
