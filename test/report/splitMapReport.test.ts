import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentText } from '../../src/io/artifacts/artifactContent.js';
import { buildArtifacts } from '../../src/io/artifacts/buildArtifacts.js';
import { mapPartPath } from '../../src/io/report/splitMapReport.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { chromiumAvailable, inPage, nextFrame, ReportBrowser } from './reportBrowser.js';

const browser = new ReportBrowser();
beforeAll(async () => {
  if (chromiumAvailable) await browser.open();
});
afterAll(async () => {
  if (chromiumAvailable) await browser.close();
});

describe('map.html split per pool above the threshold', () => {
  it('stays one page up to the threshold', () => {
    const plan = buildFixturePlan();
    const paths = buildArtifacts(plan, null, { programVersion: 't' }).map((f) => f.path);
    expect(paths).toContain('map.html');
    expect(paths.filter((p) => p.startsWith('map/'))).toEqual([]);
  });

  it('names parts safely whatever the pool id', () => {
    expect(mapPartPath('C')).toBe('map/C.html');
    expect(mapPartPath('../x')).toBe(`map/pool-${Buffer.from('../x').toString('hex')}.html`);
  });

  it("writes the index page and the parts' headings in the report language and zone", () => {
    const plan = buildFixturePlan({ generatedAt: '2026-03-03T02:15:00.000Z' });
    const locale = { lang: 'zh-CN' as const, timeZone: 'Asia/Shanghai' };
    const files = buildArtifacts(plan, null, { programVersion: 't', mapSplitOutlets: 3, locale });
    const index = contentText(files.find((f) => f.path === 'map.html')?.content ?? '');
    expect(index).toContain('<html lang="zh-CN">');
    expect(index).toContain('各分组地图');
    expect(index).toContain('<th>分组</th><th>客户数</th><th>客户经理数</th>');
    expect(index).toContain('2026-03-03 10:15 Asia/Shanghai (GMT+8)');
    for (const english of ['Maps per pool', 'territories and visit routes', 'Plan of', 'outlets, '])
      expect(index, english).not.toContain(english);
    const part = files.find((f) => f.path.startsWith('map/'));
    const pool = plan.pools.find((p) => part?.path === mapPartPath(p.id))?.id ?? '?';
    expect(contentText(part?.content ?? '')).toContain(
      `<h1>${plan.region}（分组 ${pool}）：片区与拜访线路</h1>`,
    );
    const en = contentText(
      buildArtifacts(plan, null, { programVersion: 't', mapSplitOutlets: 3 }).find(
        (f) => f.path === 'map.html',
      )?.content ?? '',
    );
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Maps per pool');
  });

  it.skipIf(!chromiumAvailable)('links one working map per pool from an index page', async () => {
    const plan = buildFixturePlan();
    const previous = buildFixturePlan({ without: ['M6'], repOf: { M3: 'C2' } });
    const files = buildArtifacts(plan, previous, { programVersion: 't', mapSplitOutlets: 3 });
    const dir = join(browser.work, 'split');
    for (const file of files.filter((f) => f.path === 'map.html' || f.path.startsWith('map/'))) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true });
      await writeFile(join(dir, file.path), contentText(file.content));
    }
    const pools = plan.pools.map((p) => p.id).filter((id) => plan.outlets.some((o) => o.pool === id));
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(`file://${join(dir, 'map.html')}`);
    const links = await inPage<Array<[string, string]>>(
      page,
      "Array.from(document.querySelectorAll('#parts a')).map(function (a) { return [a.textContent, a.getAttribute('href')]; })",
    );
    expect(links).toEqual(pools.map((pool) => [pool, mapPartPath(pool)]));
    for (const [pool, href] of links) {
      await page.goto(`file://${join(dir, href)}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.selectOption('#pool-select', '');
      const frame = await nextFrame(page);
      const reps = plan.reps.filter((r) => r.pool === pool);
      expect(frame.outlets).toBe(plan.outlets.filter((o) => o.pool === pool).length);
      expect(frame.homes).toBe(reps.length);
      expect(new Set(frame.territories).size).toBe(reps.length);
    }
    expect(problems).toEqual([]);
  });
});
