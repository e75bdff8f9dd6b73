/**
 * Reviewing a candidate on its map.html (issue 11 item 4), in headless Chromium: what changes
 * against the version that was current when it was planned is marked on the map, rows of the
 * changes table select their outlet, the previous territories can be outlined, new, closed and
 * moved outlets are visible, and the changes table pages through every row.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { FeatureCollection } from '../../src/io/artifacts/geoJson.js';
import type { TerritoryFeature } from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import type { MapReportData } from '../../src/io/report/mapReportData.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { chromiumAvailable, inPage, nextFrame, ReportBrowser, type OpenedReport } from './reportBrowser.js';

const browser = new ReportBrowser();
let work: string;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  await browser.open();
  work = await mkdtemp(join(tmpdir(), 'map-review-'));
});
afterAll(async () => {
  if (!chromiumAvailable) return;
  await browser.close();
  await rm(work, { recursive: true, force: true });
});

/** The data embedded in a map.html. */
function embeddedData(html: string): MapReportData {
  const json = /<script type="application\/json" id="plan-data">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('no plan-data in map.html');
  return JSON.parse(json) as MapReportData;
}

/** Opens a published version's map.html. */
async function openVersion(dir: string, name: string): Promise<OpenedReport> {
  const html = await readFile(join(dir, 'map.html'), 'utf8');
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await writeFile(join(work, `${name}.html`), html);
  await page.goto(`file://${join(work, `${name}.html`)}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, problems, requests, html };
}

/** How many of 24 points on a circle around outlet i are drawn (nearly) black: its rep-change ring. */
async function ringPixels(page: Page, outlet: number): Promise<number> {
  return inPage<number>(
    page,
    `(() => {
      const canvas = document.getElementById('map');
      const rect = canvas.getBoundingClientRect();
      // A copy to read from, so that the map's own canvas is never read back.
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const g = copy.getContext('2d', { willReadFrequently: true });
      g.drawImage(canvas, 0, 0);
      const pixels = g.getImageData(0, 0, copy.width, copy.height).data;
      const p = window.__mapReport.outletPoint(${outlet});
      const r = window.__mapReport.changeRingRadius(), k = canvas.width / rect.width;
      let dark = 0;
      for (let a = 0; a < 24; a++) {
        const x = Math.round((p.x - rect.left + r * Math.cos(a * Math.PI / 12)) * k);
        const y = Math.round((p.y - rect.top + r * Math.sin(a * Math.PI / 12)) * k);
        const at = (y * canvas.width + x) * 4;
        if (pixels[at] < 40 && pixels[at + 1] < 40 && pixels[at + 2] < 40 && pixels[at + 3] > 200) dark++;
      }
      return dark;
    })()`,
  );
}

describe.skipIf(!chromiumAvailable)('a candidate map.html against the current version', () => {
  // Current: M3 served by C2 and visited on other days, M6 not yet open, S4 still there.
  const before = (): Plan =>
    buildFixturePlan({
      generatedAt: '2026-03-01T02:00:00.000Z',
      inputHash: 'b'.repeat(64),
      without: ['M6'],
      repOf: { M3: 'C2' },
      weekdaysOf: { M1: ['Tue'] },
    });
  // The candidate: M3 moves to C1, M1 back to Monday, M6 is new, S4 closed.
  const candidate = (): Plan => buildFixturePlan({ without: ['S4'] });
  let current: string;
  let report: OpenedReport;
  let plan: Plan;
  const indexOf = (id: string) => plan.outlets.findIndex((o) => o.id === id);

  beforeAll(async () => {
    if (!chromiumAvailable) return;
    const out = join(work, 'out');
    const first = await publishVersion({
      regionOutDir: out,
      plan: before(),
      policy: DEFAULT_POLICY,
      previous: null,
      programVersion: 'test',
    });
    current = first.version;
    // A distinctive published outline of C1, to see that the map draws what was published.
    const path = join(first.dir, 'territories.geojson');
    const published = JSON.parse(await readFile(path, 'utf8')) as FeatureCollection<TerritoryFeature>;
    const c1 = published.features.find((f) => f.properties.repId === 'C1');
    if (!c1) throw new Error('no C1 outline');
    c1.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [112.9, 28.3],
          [112.901, 28.3],
          [112.901, 28.301],
          [112.9, 28.3],
        ],
      ],
    };
    await writeFile(path, JSON.stringify(published));
    plan = candidate();
    const second = await publishVersion({
      regionOutDir: out,
      plan,
      policy: DEFAULT_POLICY,
      previous: before(),
      previousVersion: current,
      candidate: true,
      basedOn: current,
      programVersion: 'test',
    });
    report = await openVersion(second.dir, 'candidate');
  });
  afterAll(async () => {
    if (chromiumAvailable) await report.page.close();
  });

  it('says what it is against, and draws the version published then as the "before" outlines', () => {
    const data = embeddedData(report.html);
    expect(data.review.againstVersion).toBe(current);
    const c1 = data.review.before.find((t) => t.repId === 'C1');
    // Delta-encoded: the first vertex from the origin, then steps of 0.001 degree (100 units).
    expect(c1?.parts[0]?.slice(2)).toEqual([100, 0, 0, 100]);
  });

  it('marks the changed, new and closed outlets and names the version in the legend', async () => {
    const { page, problems } = report;
    expect(await page.locator('.legend-changes .legend-title').innerText()).toMatch(
      new RegExp(`changes against version ${current}`, 'i'),
    );
    expect(await page.locator('#changes-title').innerText()).toBe(`Changes against version ${current}`);
    await page.selectOption('#pool-select', '');
    const frame = await nextFrame(page);
    expect(new Set(frame.marked)).toEqual(new Set(['M1', 'M3', 'M6'].map(indexOf)));
    expect(frame.closedMarks).toBe(1);
    // The rep change is a black ring around M3 on the canvas; M2 (unchanged) has none.
    await page.selectOption('#pool-select', 'C');
    await nextFrame(page);
    expect(await ringPixels(page, indexOf('M3'))).toBeGreaterThan(10);
    expect(await ringPixels(page, indexOf('M2'))).toBeLessThan(3);
    // Without the changes layer, no marks.
    await page.locator('#toggle-changes').uncheck();
    const off = await nextFrame(page);
    expect(off.marked).toEqual([]);
    expect(off.closedMarks).toBe(0);
    await page.locator('#toggle-changes').check();
    expect(problems).toEqual([]);
  });

  it('selects the outlet of a changes-table row on the map, and shows what changed', async () => {
    const { page, problems } = report;
    await page.selectOption('#pool-select', 'A');
    await page.locator('#changes-body tr', { hasText: 'M3' }).click();
    const frame = await nextFrame(page);
    const state = await inPage<{ outlet: number; pool: string; rep: number }>(
      page,
      'window.__mapReport.state',
    );
    expect(state.outlet).toBe(indexOf('M3'));
    expect(frame.pool).toBe('C');
    expect(plan.reps[state.rep]?.id).toBe('C1');
    const side = await page.locator('#side').innerText();
    expect(side).toContain('Li Tobacco & Liquor (M3)');
    expect(side).toContain('C2 -> C1');
    expect(await page.locator('#changes-body tr.selected').innerText()).toContain('M3');
    // The map is centred on it.
    const [point, box] = await inPage<
      [{ x: number; y: number }, { left: number; top: number; width: number; height: number }]
    >(
      page,
      `[window.__mapReport.outletPoint(${indexOf('M3')}), document.getElementById('map').getBoundingClientRect().toJSON()]`,
    );
    expect(Math.abs(point.x - (box.left + box.width / 2))).toBeLessThan(2);
    expect(Math.abs(point.y - (box.top + box.height / 2))).toBeLessThan(2);

    // A closed outlet's row shows where it was.
    await page.locator('#changes-body tr', { hasText: 'S4' }).click();
    await nextFrame(page);
    expect(await inPage<number>(page, 'window.__mapReport.state.closed')).toBe(0);
    expect(await page.locator('#side').innerText()).toContain(`shown where it was in version ${current}`);

    // Clicking an outlet on the map selects it too: M1's card lists its weekday change.
    await page.selectOption('#pool-select', 'C');
    await page.locator('#zoom-reset').click();
    await nextFrame(page);
    const m1 = await inPage<{ x: number; y: number }>(
      page,
      `window.__mapReport.outletPoint(${indexOf('M1')})`,
    );
    await page.mouse.click(m1.x, m1.y);
    await nextFrame(page);
    expect(await inPage<number>(page, 'window.__mapReport.state.outlet')).toBe(indexOf('M1'));
    expect(await page.locator('#side').innerText()).toContain('Tue -> Mon');
    expect(problems).toEqual([]);
  });

  it('toggles the previous territories as outlines', async () => {
    const { page } = report;
    await page.selectOption('#pool-select', 'C');
    expect((await nextFrame(page)).before).toBe(0);
    await page.locator('#toggle-before').check();
    expect((await nextFrame(page)).before).toBe(2);
    await page.locator('#toggle-before').uncheck();
    expect((await nextFrame(page)).before).toBe(0);
  });
});

describe.skipIf(!chromiumAvailable)('the changes table beyond 400 rows', () => {
  it('pages through every change, and a row far down selects its outlet', async () => {
    const { region, policy } = await loadRegion(resolve('data/regions/kuiwen-sample'));
    const plan = planRegion({
      region,
      policy,
      previous: null,
      mode: 'fresh',
      now: new Date('2026-03-02T02:15:00Z'),
      seed: 1,
    });
    // A previous plan in which every outlet had the next rep of its pool.
    const previous = structuredClone(plan);
    const repsOfPool = new Map<string | null, string[]>();
    for (const r of plan.reps) repsOfPool.set(r.pool, [...(repsOfPool.get(r.pool) ?? []), r.id]);
    for (const o of previous.outlets) {
      const reps = repsOfPool.get(o.pool) ?? [];
      if (o.repId !== null && reps.length > 1)
        o.repId = reps[(reps.indexOf(o.repId) + 1) % reps.length] ?? null;
    }
    const changed = plan.outlets.filter((o, i) => o.repId !== previous.outlets[i]?.repId).length;
    expect(changed).toBeGreaterThan(1000);
    const { page, problems } = await browser.openReport(plan, previous, 'paging', { previousVersion: 'V1' });
    const status = page.locator('#changes-status');
    const pages = Math.ceil(changed / 100);
    expect(await status.innerText()).toBe(
      `Rows 1-100 of ${changed.toLocaleString('en-US')} changes (page 1 of ${pages}).`,
    );
    const seen = new Set<string>();
    for (let p = 1; p <= pages; p++) {
      const ids = await page.locator('#changes-body tr td:nth-child(2)').allInnerTexts();
      expect(ids.length).toBe(p < pages ? 100 : changed - 100 * (pages - 1));
      for (const id of ids) seen.add(id);
      if (p === 5) {
        // Row 451: beyond the old 400-row cap.
        const row = page.locator('#changes-body tr').nth(50);
        const id = await row.locator('td:nth-child(2)').innerText();
        await row.click();
        await nextFrame(page);
        expect(await inPage<number>(page, 'window.__mapReport.state.outlet')).toBe(
          plan.outlets.findIndex((o) => o.id === id),
        );
        await page.locator('#changes-section').scrollIntoViewIfNeeded();
      }
      if (p < pages) await page.locator('#changes-next').click();
    }
    expect(seen.size).toBe(changed);
    expect(await page.locator('#changes-next').isDisabled()).toBe(true);
    // Filtering starts again on the first page.
    await page.locator('#change-filter').fill(plan.outlets[0]?.id ?? '');
    expect(await status.innerText()).toMatch(/^Rows 1-\d+ of \d+ changes \(page 1 of 1\)\.$/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
