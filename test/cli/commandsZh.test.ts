/**
 * The CLI's tables and confirmations in Chinese (issue 13 item 3): on a copy of the tiny region
 * whose policy.json says `report: {lang: zh-CN, timeZone: Asia/Shanghai}`, run under an English
 * LANG, `validate`, `versions` (and `--audit`), `approve`, `reject`, `rollback` and `scenarios`
 * speak Chinese with times in the policy's zone; `--lang en` overrides the policy; a region given
 * by name only (no folder, so no policy) follows LANG. `jobs` has no region policy: its result
 * column is checked on a job view in both languages.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf } from '../../src/cli/commands/jobs.js';
import { translator } from '../../src/i18n/catalog.js';
import { currentVersion } from '../../src/io/publish/publishVersion.js';
import type { JobView } from '../../src/queue/jobQueue.js';
import { repoRoot, territory } from './runCli.js';

const EN = { LANG: 'en_US.UTF-8', LC_ALL: '' };
let work: string;
let region: string;
let out: string;
let v1: string;
let candidate: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-zh-'));
  region = join(work, 'tiny');
  out = join(work, 'out');
  await cp(join(repoRoot, 'test/fixtures/regions/tiny'), region, { recursive: true });
  await writeFile(
    join(region, 'policy.json'),
    JSON.stringify({
      travel: { speedKmh: 30 },
      input: { outlierMinKm: 50 },
      report: { lang: 'zh-CN', timeZone: 'Asia/Shanghai' },
    }),
  );
  const first = await territory(['plan', '--region', region, '--out', out, '--quiet'], { env: EN });
  if (first.code !== 0) throw new Error(first.stderr);
  v1 = (await currentVersion(out)) ?? '';
  const reseg = await territory(
    ['plan', '--region', region, '--out', out, '--quiet', '--resegment', '--json'],
    {
      env: EN,
    },
  );
  if (reseg.code !== 0) throw new Error(reseg.stderr);
  candidate = (JSON.parse(reseg.stdout) as { version: string }).version;
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = EN) => territory(args, { env });
const hasChinese = /[\u4e00-\u9fff]/;

describe('CLI tables and messages in the region policy language', () => {
  it('validate: the summary and reading line in Chinese; --lang en overrides the policy', async () => {
    const zh = await cli(['validate', '--region', region]);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^tiny：有效客户 \d+ 家，有效客户经理 \d+ 名，问题 \d+ 个/);
    expect(zh.stdout).toContain('读取：outlets.csv UTF-8');
    expect(zh.stdout).not.toMatch(/valid outlets|read:/);
    const en = await cli(['validate', '--region', region, '--lang', 'en']);
    expect(en.stdout).toMatch(/^tiny: \d+ valid outlets, \d+ valid reps, \d+ problems/);
    expect(en.stdout).not.toMatch(hasChinese);
  });

  it('versions and its audit log: Chinese headers, times in the policy zone', async () => {
    const list = await cli(['versions', '--region', region, '--out', out]);
    expect(list.code, list.stderr).toBe(0);
    const [header] = list.stdout.split('\n');
    expect(header).toMatch(/^\s+版本\s+计划时间\s+发布时间\s+状态\s+模式\s+输入\s+程序\s+文件$/);
    expect(list.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d Asia\/Shanghai \(GMT\+8\)/);
    expect(list.stdout).toMatch(/\d+ 个文件，[\d.]+ MB/);
    const audit = await cli(['versions', '--region', region, '--out', out, '--audit']);
    expect(audit.stdout.split('\n')[0]).toMatch(
      /^时间\s+操作\s+版本\s+原版本\s+新版本\s+操作人\s+备注\s+原因$/,
    );
    // JSON stays English and untouched by the language.
    const json = await cli(['versions', '--region', region, '--out', out, '--json']);
    expect(json.stdout).not.toMatch(hasChinese);
    expect(JSON.parse(json.stdout)).toHaveProperty('versions');
  });

  it('approve, rollback and reject confirm in Chinese; a region named without its folder follows LANG', async () => {
    const approved = await cli(['approve', '--region', region, '--out', out, '--version', candidate]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toBe(`out：已批准 ${candidate}；当前版本 ${v1} -> ${candidate}\n`);
    const back = await cli(['rollback', '--region', region, '--out', out, '--to', v1]);
    expect(back.stdout).toBe(`out：当前版本 ${candidate} -> ${v1}\n`);
    // By name only: no policy to read, so LANG decides (zh here, en below).
    const zhByLang = await cli(['rollback', '--region', 'tiny', '--out', out, '--to', candidate], {
      LANG: 'zh_CN.UTF-8',
      LC_ALL: '',
    });
    expect(zhByLang.stdout).toBe(`out：当前版本 ${v1} -> ${candidate}\n`);
    const enByLang = await cli(['rollback', '--region', 'tiny', '--out', out, '--to', v1]);
    expect(enByLang.stdout).toBe(`out: current ${candidate} -> ${v1}\n`);
    const reseg = await cli([
      'plan',
      '--region',
      region,
      '--out',
      out,
      '--quiet',
      '--resegment',
      '--force',
      '--json',
    ]);
    const next = (JSON.parse(reseg.stdout) as { version: string }).version;
    const rejected = await cli(['reject', '--region', region, '--out', out, '--version', next]);
    expect(rejected.stdout).toBe(`out：已驳回 ${next}；当前版本仍为 ${v1}\n`);
  }, 60_000);

  it('scenarios: the empty list in Chinese', async () => {
    const none = await cli(['scenarios', '--region', region, '--out', out]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('：没有情景（用 territory scenario --name <名称> 计划一个）');
  });
});

describe('the error line of a fatal input error', () => {
  it('is in the language of --lang, else LANG; --json keeps the English message', async () => {
    const broken = join(work, 'broken');
    await cp(region, broken, { recursive: true });
    await writeFile(join(broken, 'outlets.csv'), 'id,name\nM1,shop\n');
    const zh = await cli(['validate', '--region', broken, '--lang', 'zh-CN']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(
      /^error: \S+outlets\.csv：表头缺少必需的列“lon”（或 .+）（表头中有：id, name）\n$/,
    );
    // The policy of the region folder says zh-CN: the error follows it under an English LANG.
    const byPolicy = await cli(['validate', '--region', broken]);
    expect(byPolicy.stderr).toContain('表头缺少必需的列');
    const missing = await cli(['plan', '--region', join(work, 'nowhere'), '--quiet'], {
      LANG: 'zh_CN.UTF-8',
    });
    expect(missing.stderr).toBe(`error: 片区目录 ${join(work, 'nowhere')} 不存在\n`);
    const json = await cli(['validate', '--region', broken, '--lang', 'zh-CN', '--json']);
    expect((JSON.parse(json.stdout) as { error: { message: string } }).error.message).toMatch(
      /outlets\.csv: required column "lon" \(or .+\) is missing from the header \(found: id, name\)$/,
    );
  });
});

describe('territory jobs result column', () => {
  const job = (result: JobView['result'], error: string | null = null): JobView => ({
    id: '1',
    name: 'plan',
    region: 'tiny',
    state: 'completed',
    progress: null,
    attemptsMade: 1,
    attempts: 3,
    trigger: null,
    force: false,
    createdAt: '2026-12-07T08:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationMs: 1200,
    result,
    error,
  });
  it('words errors and skips in the language asked for', () => {
    const zh = translator('zh-CN');
    expect(outcomeOf(job(null, 'boom'), zh)).toBe('错误：boom');
    expect(outcomeOf(job(null, 'boom'))).toBe('error: boom');
    const skipped = { status: 'skipped' } as unknown as JobView['result'];
    expect(outcomeOf(job(skipped), zh)).toBe('已跳过（输入未变）');
    expect(outcomeOf(job(skipped))).toBe('skipped (inputs unchanged)');
  });
});
