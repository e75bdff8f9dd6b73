import { localiseWarning } from '../../i18n/localiseWarning.js';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runCompare } from '../../app/runCompare.js';
import { loadOutRoot } from '../../config/env.js';
import { FatalInputError } from '../../io/region/fatalInputError.js';
import { translator } from '../../i18n/catalog.js';
import type { Language } from '../../i18n/languages.js';
import { commandLocale } from '../commandLocale.js';
import { renderComparePlans, renderCompareTable } from '../format/compareTable.js';
import { LANG_OPTION_HELP, languageArgument, UsageError } from '../parseOptions.js';

interface CompareOptions {
  region: string;
  out?: string;
  to?: string;
  json?: boolean;
  lang?: Language;
}

/**
 * The region output folder whose plans are compared: `--out` (as for plan, versions and approve), else
 * $OUT_DIR/<region-name>; refused when it does not exist, naming where it was looked for.
 */
async function comparedRegionOut(opts: CompareOptions): Promise<string> {
  const out = resolve(opts.out ?? join(loadOutRoot(), basename(resolve(opts.region))));
  const info = await stat(out).catch(() => null);
  if (!info?.isDirectory()) {
    const where =
      opts.out === undefined ? ` (from --region ${opts.region} and OUT_DIR ${loadOutRoot()})` : '';
    throw new FatalInputError(
      `${out}${where} ${info ? 'is not a folder' : 'does not exist'}: no plans to compare; check --region, --out or OUT_DIR`,
      out,
    );
  }
  return out;
}

/** `territory compare --region R REF REF [REF ...]`: plans side by side, written as compare.json and compare.html. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description(
      'set published plans side by side (current, versions, candidates, scenario:NAME[/VERSION]; the first is the baseline): prints the figures and writes compare.json and compare.html',
    )
    .argument(
      '<refs...>',
      'two or more plan references: current, a version name, scenario:NAME or scenario:NAME/VERSION',
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .option(
      '--out <dir>',
      "the region's output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)",
    )
    .option(
      '--to <dir>',
      'folder for compare.json and compare.html (default <region output>/compare/<refs>/)',
    )
    .option('--lang <lang>', LANG_OPTION_HELP, languageArgument)
    .option('--json', 'print compare.json (and where it was written) instead of the table')
    .action(async (refs: string[], opts: CompareOptions) => {
      if (refs.length < 2)
        throw new UsageError(
          `compare needs at least two plan references (e.g. current scenario:add-rep), got ${refs.length}`,
        );
      const regionOut = await comparedRegionOut(opts);
      const locale = await commandLocale(opts.lang, opts.region);
      const result = await runCompare({
        regionOutDir: regionOut,
        refs,
        locale,
        ...(opts.to ? { outDir: opts.to } : {}),
      });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ outDir: result.outDir, files: { json: result.jsonPath, html: result.htmlPath }, ...result.file })}\n`,
        );
        return;
      }
      const { file } = result;
      const t = translator(locale.lang);
      const parts = [
        t('cli.compare.headline', {
          region: file.region,
          count: file.plans.length,
          baseline: file.plans[0]?.label ?? '?',
        }),
        renderComparePlans(file, locale),
        '',
        renderCompareTable(file, t),
      ];
      const staffing = file.plans.filter((p) => p.figures.staffingText.length > 0);
      if (staffing.length > 0) {
        parts.push('');
        for (const p of staffing)
          parts.push(
            t('cli.compare.staffing', {
              label: p.label,
              text: p.figures.staffingText
                .map((step) => localiseWarning(step, locale.lang))
                .join(t('warning.label.causeSeparator')),
            }),
          );
      }
      for (const warning of file.warnings)
        parts.push(t('cli.plan.warning', { warning: localiseWarning(warning, locale.lang) }));
      parts.push(
        '',
        t('cli.compare.wrote', { path: result.jsonPath }),
        t('cli.compare.wrote', { path: result.htmlPath }),
      );
      process.stdout.write(`${parts.join('\n')}\n`);
    });
}
