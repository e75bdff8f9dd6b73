import type { Command } from 'commander';
import { loadRegion } from '../../io/region/loadRegion.js';
import { renderTable } from '../format/table.js';
import { jsonObjectPieces, writePieces } from '../format/writeStream.js';

/** `territory validate`: load a region and report input problems only; writes nothing. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check a region folder and list every rejected row or ignored field; writes nothing')
    .requiredOption('--region <dir>', 'region folder')
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .option('--json', 'print the quarantine list as JSON')
    .action(async (opts: { region: string; policy?: string; json?: boolean }) => {
      const { region, quarantine } = await loadRegion(opts.region, { policyFile: opts.policy });
      if (opts.json) {
        // Streamed element by element: the list is bounded, but its entries may be long.
        await writePieces(
          process.stdout,
          jsonObjectPieces(
            {
              region: region.name,
              outlets: region.outlets.length,
              reps: region.reps.length,
              problems: quarantine.total,
              listed: quarantine.entries.length,
              omitted: quarantine.omitted,
              byAction: quarantine.byAction,
            },
            { kinds: quarantine.kinds, quarantine: quarantine.entries },
          ),
        );
        return;
      }
      const omitted =
        quarantine.omitted > 0
          ? ` (${quarantine.entries.length} listed, ${quarantine.omitted} omitted: the first entries of each kind are listed)`
          : '';
      process.stdout.write(
        `${region.name}: ${region.outlets.length} valid outlets, ${region.reps.length} valid reps, ${quarantine.total} problems${omitted}\n`,
      );
      if (quarantine.entries.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            ['file', 'line', 'id', 'field', 'value', 'reason'],
            quarantine.entries.map((q) => [
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
      const cut = quarantine.kinds.filter((k) => k.omitted > 0);
      if (cut.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            ['file', 'field', 'action', 'entries', 'listed', 'omitted', 'reason'],
            cut.map((k) => [k.file, k.field, k.action, k.count, k.listed, k.omitted, k.reason]),
          )}\n`,
        );
      }
    });
}
