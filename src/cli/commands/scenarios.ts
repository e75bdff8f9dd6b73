import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { listScenarioVersions } from '../../io/publish/listScenarioVersions.js';
import { promoteScenario } from '../../io/publish/promoteScenario.js';
import { renderTable } from '../format/table.js';
import { assertRegionOutDir, auditUser, regionOutDir, type RegionOutOptions } from './rollback.js';

/** `territory scenarios` (list) and `territory promote` (a scenario version becomes a candidate). */
export function registerScenariosCommands(program: Command): void {
  program
    .command('scenarios')
    .description(
      "list a region's what-if scenarios with their versions (newest first), what each tried and its promotions",
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--json', 'print JSON')
    .action(async (opts: RegionOutOptions) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const scenarios = await listScenarioVersions(out);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, scenarios }, null, 2)}\n`);
        return;
      }
      if (scenarios.length === 0) {
        process.stdout.write(`${out}: no scenarios (plan one with territory scenario --name <name>)\n`);
        return;
      }
      const rows = scenarios.flatMap((s) =>
        s.versions.map((v) => [
          s.name,
          v.version,
          v.generatedAt ?? '',
          v.basedOn ?? '',
          v.promotedAs.map((p) => `${p.version} (${p.status})`).join(', '),
          v.error ? `damaged: ${v.error}` : v.description,
        ]),
      );
      process.stdout.write(
        `${renderTable(['scenario', 'version', 'planned at', 'planned on', 'promoted as', 'what was tried'], rows)}\n`,
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
      process.stdout.write(
        [
          `${region}: promoted scenario:${result.scenario}/${result.scenarioVersion} to candidate ${result.dir}; current stays ${result.basedOn ?? '(none)'}`,
          ...(result.notice ? [`note: ${result.notice}`] : []),
          `review: ${result.dir}/map.html and changes.json`,
          `approve: territory approve --region ${region} --version ${result.version}${opts.out ? ` --out ${opts.out}` : ''}`,
        ].join('\n') + '\n',
      );
    });
}
