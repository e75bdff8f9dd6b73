import type { Command } from 'commander';
import { loadRegion } from '../../io/region/loadRegion.js';
import { renderTable } from '../format/table.js';

/** `territory validate`: load a region and report input problems only; writes nothing. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check a region folder and list every rejected row or ignored field; writes nothing')
    .requiredOption('--region <dir>', 'region folder')
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .option('--json', 'print the quarantine list as JSON')
    .action(async (opts: { region: string; policy?: string; json?: boolean }) => {
      const { region } = await loadRegion(opts.region, { policyFile: opts.policy });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ region: region.name, outlets: region.outlets.length, reps: region.reps.length, quarantine: region.quarantine }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(
        `${region.name}: ${region.outlets.length} valid outlets, ${region.reps.length} valid reps, ${region.quarantine.length} problems\n`,
      );
      if (region.quarantine.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            ['file', 'line', 'id', 'field', 'value', 'reason'],
            region.quarantine.map((q) => [
              q.file,
              String(q.line),
              q.id ?? '',
              q.field,
              q.value.slice(0, 40),
              q.reason,
            ]),
          )}\n`,
        );
      }
    });
}
