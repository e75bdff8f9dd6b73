import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRegion } from '../../src/domain/pipeline/planRegion.js';
import { loadRegion } from '../../src/io/region/loadRegion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { chromiumAvailable, inPage, nextFrame, ReportBrowser } from './reportBrowser.js';

const SCREENSHOT_DIR = resolve('out/test-screenshots');

const browser = new ReportBrowser();
beforeAll(async () => {
  if (chromiumAvailable) await browser.open();
});
afterAll(async () => {
  if (chromiumAvailable) await browser.close();
});

/**
 * Share of screenshot pixels that differ from the most common colour, and the number of distinct
 * colours, measured in the browser (decoding the PNG on a canvas; no image library needed).
 */
async function inkOf(png: Buffer): Promise<{ ink: number; colours: number }> {
  const probe = await browser.context.newPage();
  // Browser code as a string: the test's tsconfig has no DOM types.
  const script = `(async () => {
    const img = new Image();
    img.src = ${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)};
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map();
    for (let i = 0; i < px.length; i += 4) {
      const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const total = px.length / 4;
    const top = Math.max(...counts.values());
    return { ink: (total - top) / total, colours: counts.size };
  })()`;
  const result = await probe.evaluate<{ ink: number; colours: number }>(script);
  await probe.close();
  return result;
}

describe.skipIf(!chromiumAvailable)('map.html in headless Chromium', () => {
  it('renders the fixture plan: territories, outlets, chart, changes; no errors, no network', async () => {
    const plan = buildFixturePlan();
    const previous = buildFixturePlan({ without: ['M6'], repOf: { M3: 'C2' } });
    const { page, problems, requests } = await browser.openReport(plan, previous, 'fixture', {}, 'unchecked');
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    // All pools: one territory per rep, every outlet, a home per rep.
    await page.selectOption('#pool-select', '');
    let frame = await nextFrame(page);
    expect(new Set(frame.territories).size).toBe(plan.reps.length);
    expect(frame.outlets).toBe(plan.outlets.length);
    expect(frame.homes).toBe(plan.reps.length);
    expect(await page.locator('#balance-chart rect.bar').count()).toBe(plan.reps.length);
    expect(await page.locator('#legend .legend-rep:visible').count()).toBe(plan.reps.length);
    expect(await page.locator('#changes-body tr').count()).toBe(2);
    // The overview shows each pool's working time used and the reps its load needs.
    const overview = await page.locator('#side').innerText();
    expect(overview).toContain('Pools: working time used');
    expect(await page.locator('#side table.mini').nth(1).locator('tr').count()).toBe(1 + plan.pools.length);

    // The pool filter shows only that pool's territories and outlets.
    await page.selectOption('#pool-select', 'C');
    frame = await nextFrame(page);
    expect(new Set(frame.territories).size).toBe(2);
    expect(frame.outlets).toBe(6);

    // Select a rep and its first day: the route is drawn and its stops are listed.
    await page.selectOption('#rep-select', { label: 'C1 - Chen Jie (C, 3 outlets)' });
    await page.selectOption('#day-select', { index: 2 });
    frame = await nextFrame(page);
    expect(frame.routes).toHaveLength(1);
    expect(await page.locator('#side table.stops tr').count()).toBe(3);
    expect(await page.locator('#side').innerText()).toContain('Happy Mart (M1)');
    // Arrival times survive the compact encoding (minutes, each after the stop before).
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const firstDay = [...(plan.reps.find((r) => r.id === 'C1')?.days ?? [])]
      .filter((d) => d.stops.length > 0)
      .sort((a, b) => a.week - b.week || weekdays.indexOf(a.weekday) - weekdays.indexOf(b.weekday))[0];
    expect(await page.locator('#side table.stops tr td:nth-child(2)').allInnerTexts()).toEqual(
      firstDay?.stops.map((st) => st.arrival),
    );

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const png = await page.screenshot({
      path: join(SCREENSHOT_DIR, 'map-report-fixture.png'),
      fullPage: true,
    });
    const map = await page
      .locator('#map')
      .screenshot({ path: join(SCREENSHOT_DIR, 'map-report-fixture-map.png') });
    const whole = await inkOf(png);
    const mapInk = await inkOf(map);
    expect(whole.colours).toBeGreaterThan(20);
    expect(mapInk.ink).toBeGreaterThan(0.01);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws moved outlets from their old position and lists them under Moved', async () => {
    const plan = buildFixturePlan();
    const previous = buildFixturePlan();
    const outlet = plan.outlets.find((o) => o.id === 'M1');
    if (!outlet) throw new Error('fixture has no M1');
    plan.positionChanges = [
      {
        outletId: 'M1',
        from: [outlet.lon - 0.01, outlet.lat],
        to: [outlet.lon, outlet.lat],
        km: 0.9,
        fromRep: outlet.repId,
        toRep: outlet.repId,
        reassigned: false,
        fit: 'fits',
        reason: 'still nearest its own territory',
      },
    ];
    const { page, problems } = await browser.openReport(plan, previous, 'moved');
    expect(problems).toEqual([]);
    await page.selectOption('#pool-select', 'C');
    expect((await nextFrame(page)).moves).toBe(1);
    await page.locator('button.chip[data-kind="moved"]').click();
    const rows = page.locator('#changes-body tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('0.90 km');
    await page.close();
  });

  it('shows a banner when the plan fell back to straight lines, and none on road times', async () => {
    const plan = buildFixturePlan();
    const travel = {
      provider: 'osrm',
      profile: 'driving',
      territorySettings: { speedKmh: 30, circuity: 1.3 },
    };
    plan.travel = { ...travel, fellBack: true };
    const fell = await browser.openReport(plan, null, 'fallback');
    expect(fell.problems).toEqual([]);
    const banner = fell.page.locator('#travel-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toMatch(
      /Straight-line travel\. Road travel provider osrm \(driving\) failed/,
    );
    // Above the header, where nobody scrolls past it.
    const [bannerBox, headerBox] = await Promise.all([
      banner.boundingBox(),
      fell.page.locator('header').boundingBox(),
    ]);
    expect((bannerBox?.y ?? Infinity) < (headerBox?.y ?? 0)).toBe(true);
    await fell.page.close();
    plan.travel = { ...travel, fellBack: false };
    const road = await browser.openReport(plan, null, 'road');
    expect(await road.page.locator('#travel-banner').count()).toBe(0);
    await road.page.close();
  });

  it('renders the sample region (data/regions/kuiwen-sample) without errors', async () => {
    const { region, policy } = await loadRegion(resolve('data/regions/kuiwen-sample'));
    const plan = planRegion({
      region,
      policy,
      previous: null,
      mode: 'fresh',
      now: new Date('2026-03-02T02:15:00Z'),
      seed: 1,
    });
    const { page, problems, requests } = await browser.openReport(plan, null, 'sample', {}, 'unchecked');
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.selectOption('#pool-select', '');
    const frame = await nextFrame(page);
    const repsWithOutlets = new Set(plan.outlets.map((o) => o.repId).filter((id) => id !== null)).size;
    expect(new Set(frame.territories).size).toBe(repsWithOutlets);
    expect(frame.outlets).toBe(plan.outlets.length);
    expect(await page.locator('#balance-chart rect.bar').count()).toBe(plan.reps.length);
    expect(await inPage(page, 'document.querySelectorAll("#changes-body tr").length')).toBe(100);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const png = await page
      .locator('#map')
      .screenshot({ path: join(SCREENSHOT_DIR, 'map-report-sample-map.png') });
    expect((await inkOf(png)).ink).toBeGreaterThan(0.01);
    await page.close();
  });
});
