import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { listScenarioVersions } from '../../io/publish/listScenarioVersions.js';
import { promoteScenario } from '../../io/publish/promoteScenario.js';
import { translator } from '../../i18n/catalog.js';
import { commandLocale } from '../commandLocale.js';
import { renderTable } from '../format/table.js';
import { LANG_TABLES_HELP, languageArgument } from '../parseOptions.js';
import {
  assertRegionOutDir,
  auditUser,
  regionOutDir,
  zonedOrBlank,
  type RegionOutOptions,
} from './rollback.js';

/** `territory scenarios` (list) and `territory promote` (a scenario version becomes a candidate). */
export function registerScenariosCommands(program: Command): void {
  program
    .command('scenarios')
    .description(
      "list a region's what-if scenarios with their versions (newest first), what each tried and its promotions",
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print JSON')
    .action(async (opts: RegionOutOptions) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const scenarios = await listScenarioVersions(out);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, scenarios }, null, 2)}\n`);
        return;
      }
      const locale = await commandLocale(opts.lang, opts.region);
      const t = translator(locale.lang);
      if (scenarios.length === 0) {
        process.stdout.write(`${t('cli.scenarios.none', { out })}\n`);
        return;
      }
      const rows = scenarios.flatMap((s) =>
        s.versions.map((v) => [
          s.name,
          v.version,
          zonedOrBlank(v.generatedAt, locale.timeZone),
          v.basedOn ?? '',
          v.promotedAs.map((p) => `${p.version} (${p.status})`).join(', '),
          v.error ? t('cli.damaged', { error: v.error }) : v.description,
        ]),
      );
      const columns = ['scenario', 'version', 'plannedAt', 'plannedOn', 'promotedAs', 'tried'] as const;
      process.stdout.write(
        `${renderTable(
          columns.map((c) => t(`cli.scenarios.col.${c}`)),
          rows,
        )}\n`,
      );
    });

  program
    .command('promote')
    .description(
      "copy a scenario version into the region's versions/ as a candidate (verified, audited), to review and approve like any candidate",
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .requiredOption('--scenario <name[/version]>', 'scenario, and version (default its newest)')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--by <name>', 'who promotes, for the audit log (default the OS user)')
    .option('--note <text>', 'note for the audit log')
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print the result as JSON')
    .action(async (opts: RegionOutOptions & { scenario: string; by?: string; note?: string }) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const result = await promoteScenario(out, opts.scenario, {
        by: auditUser(opts.by),
        note: opts.note ?? null,
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, ...result }, null, 2)}\n`);
        return;
      }
      const region = basename(resolve(opts.region));
      const t = translator((await commandLocale(opts.lang, opts.region)).lang);
      const command = `territory approve --region ${region} --version ${result.version}${opts.out ? ` --out ${opts.out}` : ''}`;
      process.stdout.write(
        [
          t('cli.promote.done', {
            region,
            scenario: result.scenario,
            version: result.scenarioVersion,
            dir: result.dir,
            current: result.basedOn ?? t('cli.none'),
          }),
          ...(result.notice ? [t('cli.note', { note: result.notice })] : []),
          t('cli.promote.review', { dir: result.dir }),
          t('cli.plan.approve', { command }),
        ].join('\n') + '\n',
      );
    });
}
