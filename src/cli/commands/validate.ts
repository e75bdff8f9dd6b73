import type { Command } from 'commander';
import { segmentOutlets, unmatchedTypesWarning } from '../../domain/segmentation/segmentOutlets.js';
import type { InputEncodingChoice } from '../../domain/policy/policySchema.js';
import { loadRegion } from '../../io/region/loadRegion.js';
import { describeInputEncoding } from '../../io/region/readRegionTable.js';
import { renderUnmatchedTypes } from '../format/planSummary.js';
import { renderTable } from '../format/table.js';
import { jsonObjectPieces, writePieces } from '../format/writeStream.js';
import { translator } from '../../i18n/catalog.js';
import type { Language } from '../../i18n/languages.js';
import { localiseQuarantineReason, localiseWarning } from '../../i18n/localiseWarning.js';
import { resolveReportLocale } from '../../i18n/reportLocale.js';
import {
  encodingArgument,
  INPUT_OPTION_HELP,
  LANG_TABLES_HELP,
  languageArgument,
  reportChoice,
} from '../parseOptions.js';

interface ValidateCommandOptions {
  region: string;
  policy?: string;
  json?: boolean;
  encoding?: InputEncodingChoice;
  sheet?: string;
  lang?: Language;
}

/** The columns of validate's tables (catalogue keys `cli.validate.col.<name>`). */
type ValidateColumn =
  'file' | 'line' | 'id' | 'field' | 'value' | 'reason' | 'action' | 'entries' | 'listed' | 'omitted';

/**
 * `territory validate`: load a region and report input problems, plus the business types no
 * segmentation rule of the policy matches (every active outlet evaluated as a fresh plan would,
 * no previous plan); writes nothing.
 */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check a region folder and list every rejected row or ignored field; writes nothing')
    .requiredOption('--region <dir>', 'region folder')
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .option('--encoding <name>', INPUT_OPTION_HELP.encoding, encodingArgument)
    .option('--sheet <name>', INPUT_OPTION_HELP.sheet)
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print the quarantine list as JSON')
    .action(async (opts: ValidateCommandOptions) => {
      const { region, quarantine, policy } = await loadRegion(opts.region, {
        policyFile: opts.policy,
        ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
        ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      });
      // Segmentation is cheap and pure; running it here shows a misspelled business type before a
      // plan is made, rather than in a plan whose outlets already took the default tier.
      const { unmatchedTypes } = segmentOutlets({
        outlets: region.outlets.filter((o) => o.status === 'active'),
        policy: policy.segmentation,
        previous: new Map(),
        mode: 'resegment',
      });
      if (opts.json) {
        // Streamed element by element: the list is bounded, but its entries may be long.
        await writePieces(
          process.stdout,
          jsonObjectPieces(
            {
              region: region.name,
              inputEncoding: region.inputEncoding ?? {},
              outlets: region.outlets.length,
              reps: region.reps.length,
              problems: quarantine.total,
              listed: quarantine.entries.length,
              omitted: quarantine.omitted,
              byAction: quarantine.byAction,
              unmatchedTypes,
            },
            { kinds: quarantine.kinds, quarantine: quarantine.entries },
          ),
        );
        return;
      }
      const lang = resolveReportLocale(reportChoice(opts.lang), policy.report).lang;
      const t = translator(lang);
      const col = (name: ValidateColumn): string => t(`cli.validate.col.${name}`);
      const omitted =
        quarantine.omitted > 0
          ? t('cli.validate.omitted', { listed: quarantine.entries.length, omitted: quarantine.omitted })
          : '';
      process.stdout.write(
        `${t('cli.validate.summary', { region: region.name, outlets: region.outlets.length, reps: region.reps.length, problems: quarantine.total, omitted })}\n` +
          `${t('cli.validate.read', { encoding: describeInputEncoding(region.inputEncoding, t) })}\n`,
      );
      if (quarantine.entries.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            [col('file'), col('line'), col('id'), col('field'), col('value'), col('reason')],
            quarantine.entries.map((q) => [
              q.file,
              String(q.line),
              q.id ?? '',
              q.field,
              // A multi-line value on one table line: its line breaks shown as ⏎.
              q.value.slice(0, 40).replace(/\r\n|\r|\n/g, '⏎'),
              localiseQuarantineReason(q.reason, lang),
            ]),
          )}\n`,
        );
      }
      const warning = unmatchedTypesWarning(unmatchedTypes);
      if (warning !== null) {
        process.stdout.write(
          `\n${t('cli.plan.warning', { warning: localiseWarning(warning, lang) })}\n\n${renderUnmatchedTypes(unmatchedTypes, t) ?? ''}\n`,
        );
      }
      const cut = quarantine.kinds.filter((k) => k.omitted > 0);
      if (cut.length > 0) {
        process.stdout.write(
          `\n${renderTable(
            [
              col('file'),
              col('field'),
              col('action'),
              col('entries'),
              col('listed'),
              col('omitted'),
              col('reason'),
            ],
            cut.map((k) => [
              k.file,
              k.field,
              t(`quarantine.label.action.${k.action}`),
              k.count,
              k.listed,
              k.omitted,
              localiseQuarantineReason(k.reason, lang),
            ]),
          )}\n`,
        );
      }
    });
}
