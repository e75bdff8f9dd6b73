/**
 * map.html at city scale (issue 11 item 8), in headless Chromium: the map opens on one pool and
 * the rep lists follow the pool filter, touching territories get different colours, every day of
 * a cycle has its own route colour, no chart label is cut, no network without a tile server and
 * tiles from it when one is configured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { booleanIntersects } from '@turf/turf';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { buildTerritoriesGeoJson } from '../../src/io/artifacts/renderTerritoriesGeoJson.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { chromiumAvailable, inPage, nextFrame, ReportBrowser, waitUntil } from './reportBrowser.js';

const browser = new ReportBrowser();
let sample: Plan;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  await browser.open();
  const { region, policy } = await loadRegion(resolve('data/regions/kuiwen-sample'));
  sample = planRegion({
    region,
    policy,
    previous: null,
    mode: 'fresh',
    now: new Date('2026-03-02T02:15:00Z'),
    seed: 1,
  });
});
afterAll(async () => {
  if (chromiumAvailable) await browser.close();
});

const optionValues = (page: Page, select: string): Promise<string[]> =>
  page.$$eval(`${select} option`, (options) => options.map((o) => (o as unknown as { value: string }).value));

describe.skipIf(!chromiumAvailable)('map.html at city scale', () => {
  it('opens on one pool, and the rep list, legend and chart follow the pool filter', async () => {
    const plan = buildFixturePlan();
    const { page, problems } = await browser.openReport(plan, null, 'pools');
    const poolOf = (repId: string | null) => plan.reps.find((r) => r.id === repId)?.pool;
    const check = async (pool: string) => {
      const frame = await nextFrame(page);
      const reps = plan.reps.filter((r) => !pool || r.pool === pool);
      expect(frame.pool).toBe(pool);
      expect(frame.outlets).toBe(plan.outlets.filter((o) => !pool || o.pool === pool).length);
      expect(
        [...new Set(frame.territories)].every((i) => !pool || poolOf(plan.reps[i]?.id ?? null) === pool),
      ).toBe(true);
      expect((await optionValues(page, '#rep-select')).slice(1)).toEqual(
        reps.map((r) => String(plan.reps.indexOf(r))),
      );
      expect(await page.locator('#legend .legend-rep:visible').allInnerTexts()).toEqual(
        reps.map((r) => `${r.id} ${r.name} (${r.tier})`),
      );
      expect(await page.locator('#balance-chart rect.bar').count()).toBe(reps.length);
    };
    // The first pool of the plan, not all pools overlaid.
    expect(await page.locator('#pool-select').inputValue()).toBe('A');
    await check('A');
    await page.selectOption('#pool-select', 'C');
    await check('C');
    await page.selectOption('#pool-select', '');
    await check('');
    // Picking a rep of another pool from the legend switches the pool filter to it.
    await page.selectOption('#pool-select', 'D');
    await page.selectOption('#pool-select', '');
    await page.locator('#legend .legend-rep', { hasText: 'C2 Liu Yang' }).click();
    await page.selectOption('#pool-select', 'A');
    await check('A');
    expect(await page.locator('#rep-select').inputValue()).toBe('-1');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gives touching territories of a pool different colours', async () => {
    const { page, problems } = await browser.openReport(sample, null, 'colours');
    const colors = await inPage<string[]>(page, 'window.__mapReport.repColors()');
    const features = buildTerritoriesGeoJson(sample).features;
    const index = new Map(sample.reps.map((r, i) => [r.id, i]));
    let touching = 0;
    for (let a = 0; a < features.length; a++) {
      for (let b = a + 1; b < features.length; b++) {
        const fa = features[a];
        const fb = features[b];
        if (!fa || !fb || fa.properties.pool !== fb.properties.pool || !booleanIntersects(fa, fb)) continue;
        touching += 1;
        const ca = colors[index.get(fa.properties.repId) ?? -1];
        const cb = colors[index.get(fb.properties.repId) ?? -1];
        expect(ca, `${fa.properties.repId} and ${fb.properties.repId} touch`).not.toBe(cb);
      }
    }
    expect(touching).toBeGreaterThan(5);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws every day of the cycle in its own colour in "all routes", with a legend of the days', async () => {
    const { page, problems } = await browser.openReport(sample, null, 'days');
    const rep = sample.reps.find((r) => r.pool === 'C' && (r.days ?? []).length >= 8);
    if (!rep) throw new Error('sample has no C rep with routes');
    await page.selectOption('#pool-select', 'C');
    await page.selectOption('#rep-select', String(sample.reps.indexOf(rep)));
    await page.selectOption('#day-select', '-2');
    const frame = await nextFrame(page);
    const days = (rep.days ?? []).filter((d) => d.stops.length > 0);
    expect(frame.routes).toHaveLength(days.length);
    expect(new Set(frame.routes.map((r) => r.color)).size).toBe(days.length);
    const swatches = await page
      .locator('#legend .legend-day .swatch')
      .evaluateAll((nodes) =>
        nodes.map((n) => (n as unknown as { style: { background: string } }).style.background),
      );
    expect(swatches).toHaveLength(days.length);
    expect(new Set(swatches).size).toBe(days.length);
    // One route again: it takes the rep's colour.
    await page.selectOption('#day-select', { index: 2 });
    expect((await nextFrame(page)).routes).toHaveLength(1);
    expect(await page.locator('#legend .legend-day').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('never cuts a chart label, whatever the pool, names or window width', async () => {
    const plan = buildFixturePlan();
    const longName = 'Ouyang Xiaoming-Zhangsun, North District Sales Office (acting)';
    const rep = plan.reps.find((r) => r.id === 'A1');
    if (!rep) throw new Error('fixture has no A1');
    rep.name = longName;
    const { page, problems } = await browser.openReport(plan, null, 'chart');
    // Every text of the chart inside the chart, and the chart inside its section when it fits.
    const cut = () =>
      inPage<string[]>(
        page,
        `(() => {
          const chart = document.getElementById('balance-chart');
          const box = chart.getBoundingClientRect();
          const section = document.querySelector('#balance-section .chart-scroll').getBoundingClientRect();
          const fits = box.width <= section.width + 0.5;
          return [...chart.querySelectorAll('text')].filter((t) => {
            const r = t.getBoundingClientRect();
            const inside = (b) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
            return !inside(box) || (fits && !inside(section));
          }).map((t) => t.textContent);
        })()`,
      );
    expect(await cut()).toEqual([]);
    expect(await page.locator('#balance-chart text', { hasText: longName }).count()).toBe(1);
    await page.selectOption('#pool-select', '');
    expect(await cut()).toEqual([]);
    await page.selectOption('#pool-select', 'C');
    expect(await cut()).toEqual([]);
    await page.selectOption('#pool-select', '');
    await page.setViewportSize({ width: 640, height: 900 });
    await waitUntil(page, 'document.getElementById("balance-chart").getBoundingClientRect().width > 0');
    await nextFrame(page);
    expect(await cut()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('makes no network request without a tile server, not even when zoomed and panned', async () => {
    // The policy forbids every request; the page must not even try one (the policy is ignored here).
    const { page, problems, requests, html } = await browser.openReport(
      buildFixturePlan(),
      null,
      'offline',
      {},
      'unchecked',
    );
    expect(html).toContain(`img-src data:"`);
    await page.locator('#map').hover();
    await page.mouse.wheel(0, -400);
    await page.mouse.down();
    await page.mouse.move(300, 300);
    await page.mouse.up();
    const frame = await nextFrame(page);
    expect(frame.tiles).toBe(0);
    expect(await page.locator('#basemap img').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  describe('with a tile server', () => {
    let server: Server;
    const served: string[] = [];
    const tile = (z: number, x: number, y: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#e8e4d8"/><text x="8" y="20">${z}/${x}/${y}</text></svg>`;
    beforeAll(async () => {
      server = createServer((req, res) => {
        served.push(req.url ?? '');
        const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.svg$/.exec(req.url ?? '');
        if (!m) {
          res.writeHead(404).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'image/svg+xml' })
          .end(tile(Number(m[1]), Number(m[2]), Number(m[3])));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    });
    afterAll(async () => {
      // Chromium keeps its connections alive; close them, or close() waits for them.
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    });

    it('draws the tiles of the view under the map, from that server only', async () => {
      const port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.svg`;
      const plan = buildFixturePlan();
      const { page, problems, requests, html } = await browser.openReport(plan, null, 'tiles', {
        mapTiles: { url, attribution: '© Test tiles' },
      });
      expect(html).toContain(`img-src data: http://127.0.0.1:${port}"`);
      await waitUntil(
        page,
        '[...document.querySelectorAll("#basemap img")].some((i) => i.complete && i.naturalWidth === 256)',
      );
      const frame = await nextFrame(page);
      expect(frame.tiles).toBeGreaterThan(0);
      const external = requests.filter((u) => !u.startsWith('file://'));
      expect(external.length).toBeGreaterThan(0);
      expect(external.every((u) => u.startsWith(`http://127.0.0.1:${port}/tiles/`))).toBe(true);
      // Each outlet is drawn on the spot of its tile where Web Mercator puts it (within a pixel).
      const z = Number(/tiles\/(\d+)\//.exec(external[0] ?? '')?.[1]);
      const n = 2 ** z;
      for (const i of [0, 7, plan.outlets.length - 1]) {
        const o = plan.outlets[i];
        if (!o) throw new Error('fixture outlet missing');
        const sin = Math.sin((o.lat * Math.PI) / 180);
        const fx = ((o.lon + 180) / 360) * n;
        const fy = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n;
        const src = `/tiles/${z}/${Math.floor(fx)}/${Math.floor(fy)}.svg`;
        expect(served).toContain(src);
        const [tile, point] = await inPage<
          [{ left: number; top: number; width: number }, { x: number; y: number }]
        >(
          page,
          `[[...document.querySelectorAll('#basemap img')].find((i) => i.src.endsWith(${JSON.stringify(src)})).getBoundingClientRect().toJSON(), window.__mapReport.outletPoint(${i})]`,
        );
        const scale = tile.width / 256;
        expect(Math.abs(tile.left + (fx - Math.floor(fx)) * 256 * scale - point.x)).toBeLessThan(1.5);
        expect(Math.abs(tile.top + (fy - Math.floor(fy)) * 256 * scale - point.y)).toBeLessThan(1.5);
      }
      expect(await page.locator('#attribution').innerText()).toBe('© Test tiles');
      // Zooming in shows tiles of a deeper zoom level only.
      await page.locator('#zoom-in').click();
      await page.locator('#zoom-in').click();
      await nextFrame(page);
      const zooms = await inPage<number[]>(
        page,
        '[...document.querySelectorAll("#basemap img")].map((i) => Number(/tiles[/](\\d+)[/]/.exec(i.src)[1]))',
      );
      expect(zooms.length).toBeGreaterThan(0);
      expect(Math.min(...zooms)).toBeGreaterThan(z);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
