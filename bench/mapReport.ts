/**
 * map.html benchmark (issue 11 item 8): `npm run bench:map [-- options]`.
 *
 *   npm run bench:map                                   # 50,000 outlets / 400 reps, generated
 *   npm run bench:map -- --region-out /tmp/out50k       # current/plan.json of a published region
 *   npm run bench:map -- --region-out /tmp/out50k --candidate <version>   # a candidate against current
 *   npm run bench:map -- --html /tmp/old/map.html       # only time selecting reps in any map.html
 *
 * Without --region-out it generates a city (territory generate --outlets 50000 --reps 400
 * --seed 11) and plans it once (about a minute), caching the plan in .bench-tmp/. It then
 *   - renders map.html `--runs` times (the map file only; its inputs are built once) and reports
 *     the file size,
 *   - opens it in headless Chromium (/usr/bin/chromium) `--runs` times: load to first frame,
 *   - selects `--runs` different reps from the rep list in the pool the map opens on, in the
 *     largest pool and with all pools shown, timing from the change event to the end of the
 *     frame it causes (window.__mapReport.nextFrame) and to the start of the frame after it
 *     (two animation frames: the same measure as for --html pages),
 *   - redraws the whole region (one frame) in the pool it opens on and with all pools, and
 *   - for a candidate, clicks rows of the changes table (select the outlet on the map).
 * Times are medians over the runs (min and max shown). The last line is `RESULT {json}`.
 */
import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { generateRegion } from '../src/domain/generate/generateRegion.js';
import { planRegion } from '../src/domain/pipeline/planRegion.js';
import type { Plan } from '../src/domain/plan/planTypes.js';
import { DEFAULT_POLICY } from '../src/domain/policy/defaultPolicy.js';
import type { RegionInput } from '../src/domain/types.js';
import { computeChanges } from '../src/io/artifacts/renderChanges.js';
import { summarizePlan } from '../src/io/artifacts/renderSummary.js';
import { buildTerritoriesGeoJson } from '../src/io/artifacts/renderTerritoriesGeoJson.js';
import { readPublishedTerritories } from '../src/io/publish/readPublishedTerritories.js';
import { renderMapReport } from '../src/io/report/renderMapReport.js';

const { values } = parseArgs({
  options: {
    'region-out': { type: 'string' },
    candidate: { type: 'string' },
    html: { type: 'string' },
    runs: { type: 'string', default: '7' },
    outlets: { type: 'string', default: '50000' },
    reps: { type: 'string', default: '400' },
  },
});
const runs = Number(values.runs);
const CHROMIUM = '/usr/bin/chromium';

interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}
function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const r = (v: number): number => Math.round(v * 10) / 10;
  return {
    median: r(median),
    min: r(sorted[0] ?? NaN),
    max: r(sorted[sorted.length - 1] ?? NaN),
    n: samples.length,
  };
}
const show = (s: Stat, unit = 'ms'): string => `${s.median} ${unit} (min ${s.min}, max ${s.max}, n=${s.n})`;

/** The plan to measure and the plan it is compared against. */
function loadPlans(): {
  plan: Plan;
  previous: Plan | null;
  previousVersion: string | null;
  outDir: string | null;
} {
  const outDir = values['region-out'] ? resolve(values['region-out']) : null;
  if (outDir) {
    const current = JSON.parse(readFileSync(join(outDir, 'current', 'plan.json'), 'utf8')) as Plan;
    if (!values.candidate) return { plan: current, previous: null, previousVersion: null, outDir };
    const plan = JSON.parse(
      readFileSync(join(outDir, 'versions', values.candidate, 'plan.json'), 'utf8'),
    ) as Plan;
    return {
      plan,
      previous: current,
      previousVersion: readlinkSync(join(outDir, 'current')).split('/').pop() ?? null,
      outDir,
    };
  }
  const cache = resolve(`.bench-tmp/map-${values.outlets}-${values.reps}-plan.json`);
  if (!existsSync(cache)) {
    console.log(`generating and planning ${values.outlets} outlets / ${values.reps} reps (seed 11), once...`);
    const generated = generateRegion({
      outlets: Number(values.outlets),
      reps: Number(values.reps),
      seed: 11,
    });
    const region: RegionInput = {
      name: 'bench-city',
      outlets: generated.outlets,
      reps: generated.reps,
      quarantine: [],
      policyOverrides: null,
      inputHash: 'bench-city',
    };
    const plan = planRegion({
      region,
      policy: DEFAULT_POLICY,
      previous: null,
      mode: 'fresh',
      now: new Date('2026-12-06T00:00:00Z'),
      seed: 1,
    });
    mkdirSync(resolve('.bench-tmp'), { recursive: true });
    writeFileSync(cache, JSON.stringify(plan));
  }
  return {
    plan: JSON.parse(readFileSync(cache, 'utf8')) as Plan,
    previous: null,
    previousVersion: null,
    outDir: null,
  };
}

/**
 * In-page timing of one selection: [to the frame it causes being drawn and rasterised, to the start
 * of the frame after it]. Canvas commands are rasterised lazily, so "drawn" reads back one pixel,
 * which waits for it.
 */
async function timeSelect(
  page: Page,
  select: string,
  value: string,
  framed: boolean,
): Promise<[number, number]> {
  return page.evaluate(
    `(async () => {
      const el = document.querySelector(${JSON.stringify(select)});
      const t0 = performance.now();
      el.value = ${JSON.stringify(value)};
      el.dispatchEvent(new Event('change'));
      // Drawn: the frame's canvas commands ran and were rasterised (reading a pixel waits for that).
      const drawn = ${framed ? "window.__mapReport.nextFrame().then(() => { document.getElementById('map').getContext('2d').getImageData(0, 0, 1, 1); return performance.now(); })" : 'Promise.resolve(NaN)'};
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const next = performance.now();
      return [(await drawn) - t0, next - t0];
    })()`,
  );
}

async function optionValues(page: Page, select: string): Promise<string[]> {
  return page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(`${select} option`)})].map((o) => o.value)`,
  );
}

/** Selects `runs` reps spread over the rep list (the first option, "all reps", left out). */
async function selectReps(page: Page, framed: boolean): Promise<{ drawn: Stat; nextFrame: Stat }> {
  const reps = (await optionValues(page, '#rep-select')).filter((v) => v !== '-1');
  const drawn: number[] = [];
  const next: number[] = [];
  for (let i = 0; i < runs; i++) {
    const value = reps[Math.floor(((i + 0.5) * reps.length) / runs)] as string;
    const [a, b] = await timeSelect(page, '#rep-select', value, framed);
    drawn.push(a);
    next.push(b);
  }
  return { drawn: stat(drawn), nextFrame: stat(next) };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const result: Record<string, unknown> = { runs };
  let file = values.html ? resolve(values.html) : '';

  if (!values.html) {
    const { plan, previous, previousVersion, outDir } = loadPlans();
    const summary = summarizePlan(plan);
    const changes = computeChanges(plan, previous);
    const territories = buildTerritoriesGeoJson(plan);
    const previousTerritories =
      previous === null
        ? null
        : ((outDir && previousVersion
            ? await readPublishedTerritories(outDir, previousVersion, previous)
            : null) ?? buildTerritoriesGeoJson(previous));
    const input = {
      plan,
      summary,
      changes,
      territories,
      previous,
      previousTerritories,
      previousVersion,
      basemap: null,
    };
    const renderMs: number[] = [];
    let html = '';
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      html = renderMapReport(input);
      renderMs.push(performance.now() - t0);
    }
    file = resolve(`.bench-tmp/map-bench.html`);
    mkdirSync(resolve('.bench-tmp'), { recursive: true });
    writeFileSync(file, html);
    Object.assign(result, {
      outlets: plan.outlets.length,
      reps: plan.reps.length,
      changeRows: changes.counts,
      bytes: Buffer.byteLength(html),
      render: stat(renderMs),
    });
    console.log(
      `plan: ${plan.outlets.length} outlets, ${plan.reps.length} reps${previous ? `, against ${previousVersion ?? 'a previous plan'}` : ''}`,
    );
    console.log(
      `map.html: ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, rendered in ${show(stat(renderMs))}`,
    );
  }

  const page = await context.newPage();
  const framed =
    !values.html ||
    (await (async () => {
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      return page.evaluate<boolean>('Boolean(window.__mapReport && window.__mapReport.nextFrame)');
    })());
  if (values.html) {
    // Any map.html (also one from before the canvas map): selecting reps from the list only.
    const select = await selectReps(page, framed);
    result.selectRep = select;
    console.log(`select a rep: to next frame ${show(select.nextFrame)}`);
  } else {
    const openMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const fresh = await context.newPage();
      const t0 = Date.now();
      await fresh.goto(`file://${file}`);
      await fresh.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      openMs.push(Date.now() - t0);
      await fresh.close();
    }
    result.open = stat(openMs);
    console.log(`open to first frame: ${show(stat(openMs))}`);
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    const pools = (await optionValues(page, '#pool-select')).filter((v) => v !== '');
    const startPool = await page.evaluate<string>('document.getElementById("pool-select").value');
    const byOutlets = await page.evaluate<string>(
      `(() => { const o = [...document.querySelectorAll('#pool-select option')].filter((x) => x.value); o.sort((a, b) => Number(/([0-9]+) outlets/.exec(b.textContent)[1]) - Number(/([0-9]+) outlets/.exec(a.textContent)[1])); return o[0].value; })()`,
    );
    const selects: Record<string, { drawn: Stat; nextFrame: Stat }> = {};
    for (const pool of [startPool, byOutlets, '']) {
      if (pool !== startPool) await timeSelect(page, '#pool-select', pool, true);
      const key =
        pool === ''
          ? 'all pools'
          : `pool ${pool}${pool === startPool ? ' (opens on)' : ''}${pool === byOutlets ? ' (largest)' : ''}`;
      if (selects[key]) continue;
      selects[key] = await selectReps(page, true);
      console.log(
        `select a rep, ${key}: drawn ${show(selects[key].drawn)}; next frame ${show(selects[key].nextFrame)}`,
      );
    }
    result.pools = pools;
    result.selectRep = selects;
    // Redrawing the whole region: the pool the map opens on, and every outlet of all pools.
    const redraws: Record<string, Stat & { outletsDrawn: number }> = {};
    for (const pool of [startPool, '']) {
      await timeSelect(page, '#pool-select', pool, true);
      await timeSelect(page, '#rep-select', '-1', true);
      await page.evaluate(`document.getElementById('zoom-reset').click()`);
      const frames: number[] = [];
      for (let i = 0; i < runs; i++)
        frames.push(
          await page.evaluate<number>(
            `(async () => { const t0 = performance.now(); document.getElementById('zoom-reset').click(); await window.__mapReport.nextFrame(); document.getElementById('map').getContext('2d').getImageData(0, 0, 1, 1); return performance.now() - t0; })()`,
          ),
        );
      const key = pool === '' ? 'all pools' : `pool ${pool}`;
      redraws[key] = {
        ...stat(frames),
        outletsDrawn: await page.evaluate<number>('window.__mapReport.frame.outlets'),
      };
      console.log(
        `redraw the whole region, ${key} (${redraws[key].outletsDrawn} outlets): ${show(stat(frames))}`,
      );
    }
    result.redraw = redraws;
    const rows = await page.evaluate<number>('document.querySelectorAll("#changes-body tr").length');
    if (values.candidate && rows > 0) {
      const clicks: number[] = [];
      for (let i = 0; i < runs; i++) {
        clicks.push(
          await page.evaluate<number>(
            `(async () => { const rows = document.querySelectorAll('#changes-body tr'); const t0 = performance.now(); rows[${i} * 13 % rows.length].click(); await window.__mapReport.nextFrame(); return performance.now() - t0; })()`,
          ),
        );
      }
      result.changeRowClick = stat(clicks);
      console.log(`click a changes-table row (selects its outlet): ${show(stat(clicks))}`);
    }
  }
  await browser.close();
  console.log(`RESULT ${JSON.stringify(result)}`);
}

await main();
