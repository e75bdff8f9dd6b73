/**
 * Comparison benchmark (issue 11 item 3): `npx tsx bench/compare.ts --region DIR --out DIR`.
 *
 * On a region (e.g. the 50,000-outlet city of BENCHMARKS.md: `node bin/territory.js generate
 * --outlets 50000 --reps 400 --seed 11 --out /tmp/city50k`) it plans what is missing in the
 * region output folder `--out` (the current plan, then the two test scenarios of
 * test/fixtures/plans/sampleScenarios.ts: `add-rep`, one more C rep, and `weekly-small`, small
 * outlets weekly), then times `territory compare current scenario:add-rep scenario:weekly-small`
 * in-process (runCompare), reports the sizes of compare.json and compare.html, and opens
 * compare.html in headless Chromium (/usr/bin/chromium) `--runs` times (default 3): time to
 * the page's ready mark, the script's own decode and first-draw times, and the redraw of all
 * maps after a zoom. Planning times are printed too but are not what this measures. The last
 * line is `RESULT {json}`.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { runCompare } from '../src/app/runCompare.js';
import { runPlan } from '../src/app/runPlan.js';
import { scenarioOutDir } from '../src/io/publish/planRefs.js';
import { currentVersion, listVersions } from '../src/io/publish/publishVersion.js';
import { publishSampleScenarios } from '../test/fixtures/plans/sampleScenarios.js';

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
if (!values.region || !values.out) {
  console.error(
    'usage: npx tsx bench/compare.ts --region <region input folder> --out <region output folder> [--runs 3]',
  );
  process.exit(2);
}
const regionDir = resolve(values.region);
const out = resolve(values.out);
const runs = Number(values.runs);

const seconds = (since: number): number => Math.round((performance.now() - since) / 10) / 100;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

if ((await currentVersion(out).catch(() => null)) === null) {
  const t = performance.now();
  await runPlan({ regionDir, outDir: out, mode: 'rebuild' });
  console.log(`planned the current plan in ${seconds(t)} s`);
}
if ((await listVersions(scenarioOutDir(out, 'weekly-small'))).length === 0) {
  const t = performance.now();
  await publishSampleScenarios(out, regionDir);
  console.log(`planned the add-rep and weekly-small scenarios in ${seconds(t)} s`);
}

const refs = ['current', 'scenario:add-rep', 'scenario:weekly-small'];
const t = performance.now();
const result = await runCompare({ regionOutDir: out, refs });
const compareSeconds = seconds(t);
const jsonBytes = (await stat(result.jsonPath)).size;
const htmlBytes = (await stat(result.htmlPath)).size;
const outlets = result.file.plans[0]?.figures.outlets ?? 0;
console.log(
  `compare: ${compareSeconds} s; compare.json ${(jsonBytes / 2 ** 20).toFixed(2)} MiB, compare.html ${(htmlBytes / 2 ** 20).toFixed(2)} MiB (${outlets} outlets)`,
);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const ready: number[] = [];
const decode: number[] = [];
const firstDraw: number[] = [];
const redraw: number[] = [];
for (let run = 0; run < runs; run++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const start = performance.now();
  await page.goto(`file://${result.htmlPath}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 300_000 });
  ready.push(Math.round(performance.now() - start));
  const state = await page.evaluate<{ decodeMs: number; renderMs: number; lastDrawMs: number }>(
    '({ decodeMs: window.compareState.decodeMs, renderMs: window.compareState.renderMs, lastDrawMs: window.compareState.lastDrawMs })',
  );
  decode.push(state.decodeMs);
  firstDraw.push(state.lastDrawMs);
  await page.click('#zoom-in');
  redraw.push(await page.evaluate<number>('window.compareState.lastDrawMs'));
  if (requests.length !== 1) throw new Error(`compare.html made requests: ${requests.join(', ')}`);
  await page.close();
}
await browser.close();
const summary = {
  outlets,
  plans: refs.length,
  compareSeconds,
  jsonBytes,
  htmlBytes,
  readyMs: median(ready),
  decodeMs: median(decode),
  firstDrawMs: median(firstDraw),
  redrawMs: median(redraw),
  runs,
};
console.log(
  `Chromium (median of ${runs}): ready ${summary.readyMs} ms (script decode ${summary.decodeMs} ms, first draw of all maps ${summary.firstDrawMs} ms); redraw after zoom ${summary.redrawMs} ms`,
);
console.log(`RESULT ${JSON.stringify(summary)}`);
