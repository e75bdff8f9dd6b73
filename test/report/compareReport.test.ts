import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../src/app/runCompare.js';
import { runPlan } from '../../src/app/runPlan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import type { CompareFile } from '../../src/io/compare/compareFile.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';
import { publishSampleScenarios, SAMPLE_REGION } from '../fixtures/plans/sampleScenarios.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from './reportBrowser.js';

const available = chromiumAvailable;
if (!available && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
if (!available)
  console.warn(
    `compare report browser tests skipped: ${CHROMIUM} not installed (apt-get install -y chromium)`,
  );

/** Where the map report test saves its screenshots too (test artifacts). */
const SCREENSHOT_DIR = resolve('out/test-screenshots');

interface MapState {
  label: string;
  drawn: number;
  rings: { rep: number; day: number; here: number; later: number; gone: number };
  samples: Array<{ kind: string; x: number; y: number; r: number; id: string }>;
}

let context: BrowserContext;
let work: string;
beforeAll(async () => {
  if (!available) return;
  work = await mkdtemp(join(tmpdir(), 'compare-report-'));
  // A fresh profile each run; the machine has no network, so everything that phones home is off.
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: CHROMIUM_ARGS,
  });
});
afterAll(async () => {
  if (!available) return;
  await context.close();
  await rm(work, { recursive: true, force: true });
});

/** Opens a compare.html, recording every request, console error or warning and page error. */
async function openCompare(path: string) {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, problems, requests, url: `file://${path}` };
}

const mapStates = (page: Page): Promise<MapState[]> => page.evaluate<MapState[]>('window.compareState.maps');

/**
 * How many ring samples of map `index` have their ring colour painted on the canvas: each
 * sample's circle is probed around four points of its outline, 3 x 3 pixels each for the
 * anti-aliasing (browser code as a string: the
 * test's tsconfig has no DOM types).
 */
async function ringsPainted(page: Page, index: number, colour: [number, number, number]): Promise<number> {
  return page.evaluate<number>(`(() => {
    const canvas = document.querySelectorAll('canvas.map')[${index}];
    const dpr = canvas.width / canvas.clientWidth;
    // Read a copy: repeated readbacks of the page's own canvas make Chromium warn.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const g = copy.getContext('2d', { willReadFrequently: true });
    g.drawImage(canvas, 0, 0);
    const px = g.getImageData(0, 0, copy.width, copy.height).data;
    const want = ${JSON.stringify(colour)};
    let painted = 0;
    for (const s of window.compareState.maps[${index}].samples) {
      const hit = [[s.r, 0], [-s.r, 0], [0, s.r], [0, -s.r]].some(([dx, dy]) => {
        const cx = Math.round((s.x + dx) * dpr), cy = Math.round((s.y + dy) * dpr);
        for (let y = cy - 1; y <= cy + 1; y++)
          for (let x = cx - 1; x <= cx + 1; x++) {
            const i = (y * canvas.width + x) * 4;
            if (Math.abs(px[i] - want[0]) + Math.abs(px[i + 1] - want[1]) + Math.abs(px[i + 2] - want[2]) < 60) return true;
          }
        return false;
      });
      if (hit) painted += 1;
    }
    return painted;
  })()`);
}

const RED: [number, number, number] = [0xd7, 0x19, 0x1c];
const AMBER: [number, number, number] = [0xf2, 0x9e, 0x0c];

describe.skipIf(!available)('compare.html in headless Chromium', () => {
  it('rings the outlets that change against the baseline; click, pool and ring controls work; no network', async () => {
    const out = join(work, 'fixture-town');
    // Baseline: without S4. Candidate: M3 moves C1 -> C2, M1 moves Mon -> Tue, M6 closed, S4 new.
    const baseline = buildFixturePlan({ without: ['S4'] });
    const candidate = buildFixturePlan({
      without: ['M6'],
      repOf: { M3: 'C2' },
      weekdaysOf: { M1: ['Tue'] },
      generatedAt: '2026-03-03T02:15:00.000Z',
    });
    const publish = (plan: typeof baseline, asCandidate: boolean) =>
      publishVersion({
        regionOutDir: out,
        plan,
        policy: DEFAULT_POLICY,
        previous: null,
        programVersion: 'test',
        candidate: asCandidate,
      });
    await publish(baseline, false);
    const { version } = await publish(candidate, true);
    const result = await runCompare({ regionOutDir: out, refs: ['current', version] });
    expect(result.file.plans[1]?.againstBaseline).toMatchObject({
      repChanged: 1,
      weekdayChanged: 1,
      changed: 2,
    });

    const { page, problems, requests, url } = await openCompare(result.htmlPath);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('canvas.map').count()).toBe(2);
    const [base, cand] = await mapStates(page);
    expect(base?.drawn).toBe(baseline.outlets.length);
    expect(cand?.drawn).toBe(candidate.outlets.length);
    // The baseline rings M1 and M3 (they change later) and M6 (gone later); the candidate rings
    // M3 red (rep), M1 amber (weekday only) and S4 green (not in the baseline).
    expect(base?.rings).toEqual({ rep: 0, day: 0, here: 0, later: 2, gone: 1 });
    expect(cand?.rings).toEqual({ rep: 1, day: 1, here: 1, later: 0, gone: 0 });
    expect(cand?.samples.map((s) => [s.kind, s.id]).sort()).toEqual([
      ['day', 'M1'],
      ['here', 'S4'],
      ['rep', 'M3'],
    ]);
    const legend = await page.locator('.map-card').nth(1).locator('.map-legend').innerText();
    expect(legend).toContain('1 change rep');
    expect(legend).toContain('1 change weekday only');
    expect(legend).toContain('1 not in the baseline');
    // The rings are on the canvas, in their colours.
    const order = cand?.samples ?? [];
    const colourOf = (kind: string) => (kind === 'rep' ? RED : kind === 'day' ? AMBER : null);
    for (const kind of ['rep', 'day']) {
      const only = order.filter((s) => s.kind === kind).length;
      expect(only).toBe(1);
      expect(await ringsPainted(page, 1, colourOf(kind) as [number, number, number])).toBeGreaterThanOrEqual(
        1,
      );
    }
    // The figures table has one column per plan.
    expect(await page.locator('#figures thead th').count()).toBe(3);
    expect(await page.locator('#figures').innerText()).toContain('outlets changing rep');

    // Clicking M3 on the candidate's map shows it in both plans.
    const m3 = order.find((s) => s.id === 'M3');
    const box = await page.locator('canvas.map').nth(1).boundingBox();
    if (!m3 || !box) throw new Error('no M3 ring or canvas box');
    await page.mouse.click(box.x + m3.x, box.y + m3.y);
    const pick = await page.locator('#pick').innerText();
    expect(pick).toContain('Outlet M3');
    expect(pick).toMatch(/C1 Chen Jie/);
    expect(pick).toMatch(/C2 Liu Yang.*rep changed/);

    // Pool C only: the candidate draws its five C outlets (M6 closed).
    await page.selectOption('#pool-select', { label: 'Pool C' });
    expect((await mapStates(page))[1]?.drawn).toBe(5);
    await page.selectOption('#pool-select', { label: 'All pools' });
    // Rings off: nothing ringed.
    await page.locator('#toggle-rings').uncheck();
    expect((await mapStates(page))[1]?.rings).toEqual({ rep: 0, day: 0, here: 0, later: 0, gone: 0 });
    expect(await ringsPainted(page, 1, RED)).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows current, an added rep and weekly small outlets on the sample region (screenshot)', async () => {
    const out = join(work, 'kuiwen-sample');
    await runPlan({
      regionDir: SAMPLE_REGION,
      outDir: out,
      mode: 'rebuild',
      now: new Date('2026-12-06T08:00:00Z'),
    });
    await publishSampleScenarios(out);
    const result = await runCompare({
      regionOutDir: out,
      refs: ['current', 'scenario:add-rep', 'scenario:weekly-small'],
    });
    const file = JSON.parse(await readFile(result.jsonPath, 'utf8')) as CompareFile;
    const { page, problems, requests, url } = await openCompare(result.htmlPath);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const states = await mapStates(page);
    const laterChanged = new Set(
      file.plans.flatMap((p) => p.againstBaseline?.outlets.map((o) => o.outletId) ?? []),
    );
    expect(states[0]?.rings.later).toBe(laterChanged.size);
    file.plans.slice(1).forEach((plan, i) => {
      const d = plan.againstBaseline;
      if (!d) throw new Error('no difference');
      expect(states[i + 1]?.drawn).toBe(plan.figures.outlets);
      expect(states[i + 1]?.rings).toEqual({
        rep: d.repChanged,
        day: d.outlets.filter((o) => o.weekdayChanged && !o.repChanged).length,
        here: 0,
        later: 0,
        gone: 0,
      });
    });
    const addRep = states[1];
    expect(addRep?.rings.rep).toBeGreaterThan(0);
    const reds = addRep?.samples.filter((s) => s.kind === 'rep').length ?? 0;
    expect(reds).toBeGreaterThan(5);
    // Rings overlap in dense parts; most sampled red rings must still show red on their outline.
    expect(await ringsPainted(page, 1, RED)).toBeGreaterThanOrEqual(Math.ceil(reds * 0.6));
    expect(states[2]?.rings.day).toBeGreaterThan(0);

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'compare-report-sample.png'), fullPage: true });
    await page.locator('#maps').screenshot({ path: join(SCREENSHOT_DIR, 'compare-report-sample-maps.png') });
    await page.close();
  }, 120_000);
});
