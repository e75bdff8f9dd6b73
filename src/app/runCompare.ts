import { join, resolve } from 'node:path';
import { comparePlans } from '../domain/plan/comparePlans.js';
import { buildCompareFile, validateCompareFile, type CompareFile } from '../io/compare/compareFile.js';
import { compareOutDir, compareSlug } from '../io/compare/compareSlug.js';
import { loadComparedPlans } from '../io/compare/loadComparedPlans.js';
import { renderCompareReport } from '../io/compare/renderCompareReport.js';
import { writeFilesAtomically } from '../io/compare/writeCompareFiles.js';
import type { ReportLocale } from '../i18n/reportLocale.js';

/** What `territory compare` compares and where it writes. */
export interface RunCompareOptions {
  /** The region's output folder (its versions/, current and scenarios/). */
  regionOutDir: string;
  /** Plan references (current, a version name, scenario:NAME[/VERSION]); the first is the baseline. */
  refs: readonly string[];
  /** Folder for compare.json and compare.html; default `<regionOutDir>/compare/<slug>`. */
  outDir?: string;
  /** Time stamped into compare.json (default: now). */
  now?: Date;
  /** Language and time zone of compare.html (default English, UTC); compare.json is the same in every language. */
  locale?: ReportLocale;
}

export interface RunCompareResult {
  /** The contents of compare.json. */
  file: CompareFile;
  outDir: string;
  jsonPath: string;
  htmlPath: string;
}

/**
 * Compares published plans side by side: resolves every reference of the region (a typo fails
 * before anything is read or written), compares the plans with the first as the baseline
 * (comparePlans), checks compare.json against its schema and writes compare.json and
 * compare.html, each atomically, into `outDir` (default `<regionOut>/compare/<slug>/`, the
 * folder the HTTP API serves). Needs at least two references.
 */
export async function runCompare(options: RunCompareOptions): Promise<RunCompareResult> {
  if (options.refs.length < 2)
    throw new Error(`compare needs at least two plan references, got ${options.refs.length}`);
  const loaded = await loadComparedPlans(options.regionOutDir, options.refs);
  const plans = loaded.map((entry) => entry.plan);
  const comparison = comparePlans(plans);
  const slug = compareSlug(options.refs);
  const file = buildCompareFile({ loaded, comparison, slug, now: options.now ?? new Date() });
  const problems = validateCompareFile(file);
  if (problems.length > 0)
    throw new Error(`compare.json would not match its schema:\n  - ${problems.join('\n  - ')}`);
  const html = renderCompareReport({
    file,
    plans,
    comparison,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const outDir = resolve(options.outDir ?? compareOutDir(options.regionOutDir, options.refs));
  const [jsonPath, htmlPath] = await writeFilesAtomically(outDir, [
    { name: 'compare.json', content: `${JSON.stringify(file, null, 2)}\n` },
    { name: 'compare.html', content: html },
  ]);
  return {
    file,
    outDir,
    jsonPath: jsonPath ?? join(outDir, 'compare.json'),
    htmlPath: htmlPath ?? join(outDir, 'compare.html'),
  };
}
