/**
 * Headless Chromium for the map.html tests: one browser per test file (everything that phones
 * home switched off) with two fresh contexts, one that enforces the page's Content-Security-Policy
 * and one that ignores it (so that a request the page's script tries is seen, not silently
 * blocked by the policy), and `openReport`, which writes a plan's map.html, opens it and collects
 * console problems and every request the page makes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Plan } from '../../src/domain/plan/planTypes.js';
import { buildArtifacts, type BuildArtifactsOptions } from '../../src/io/artifacts/buildArtifacts.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
/**
 * Headless Chromium with everything that phones home switched off (the machine has no network,
 * and the report tests count every request the page makes).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
if (!chromiumAvailable && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
if (!chromiumAvailable)
  console.warn(`map report browser tests skipped: ${CHROMIUM} not installed (apt-get install -y chromium)`);

/** What the page reports about its last frame (window.__mapReport.frame). */
export interface MapFrame {
  outlets: number;
  territories: number[];
  before: number;
  changeMarks: number;
  /** Outlets drawn with a change ring. */
  marked: number[];
  closedMarks: number;
  moves: number;
  routes: Array<{ route: number; day: number; color: string }>;
  homes: number;
  tiles: number;
  pool: string;
  rep: number;
}

export interface OpenedReport {
  page: Page;
  problems: string[];
  requests: string[];
  html: string;
}

/** A browser, its contexts and a scratch folder, opened in beforeAll and closed in afterAll. */
export class ReportBrowser {
  browser!: Browser;
  /** Enforces the page's Content-Security-Policy, as a user's browser does. */
  context!: BrowserContext;
  /** Ignores it: whatever the page's script tries to load is requested and seen. */
  uncheckedContext!: BrowserContext;
  work!: string;

  async open(): Promise<void> {
    this.work = await mkdtemp(join(tmpdir(), 'map-report-'));
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const viewport = { width: 1400, height: 1000 };
    this.context = await this.browser.newContext({ viewport });
    this.uncheckedContext = await this.browser.newContext({ viewport, bypassCSP: true });
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.work, { recursive: true, force: true });
  }

  /** Writes the plan's map.html (built against `previous`) and opens it once its first frame is drawn. */
  async openReport(
    plan: Plan,
    previous: Plan | null,
    name: string,
    options: Partial<BuildArtifactsOptions> = {},
    context: 'enforced' | 'unchecked' = 'enforced',
  ): Promise<OpenedReport> {
    const file = buildArtifacts(plan, previous, { programVersion: 'test', ...options }).find(
      (f) => f.path === 'map.html',
    );
    if (!file || typeof file.content !== 'string') throw new Error('no map.html artifact');
    const path = join(this.work, `${name}.html`);
    await writeFile(path, file.content);
    const page = await (context === 'enforced' ? this.context : this.uncheckedContext).newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${path}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return { page, problems, requests, html: file.content };
  }
}

/** The counts of the frame drawn after the page's pending work (asks the page for a frame). */
export async function nextFrame(page: Page): Promise<MapFrame> {
  // Browser code as a string: the test's tsconfig has no DOM types.
  return page.evaluate<MapFrame>('window.__mapReport.nextFrame()');
}

/** Evaluates a browser expression (a string, as the tests have no DOM types). */
export async function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

/** Polls a browser expression every 50 ms until it is true (waitForFunction needs eval, which the page's CSP forbids). */
export async function waitUntil(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
