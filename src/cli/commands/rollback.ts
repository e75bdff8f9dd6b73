import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadOutRoot } from '../../config/env.js';
import {
  DEFAULT_KEEP_VERSIONS,
  listVersions,
  pruneVersions,
  rollback,
} from '../../io/publish/publishVersion.js';
import { readAudit } from '../../io/publish/auditLog.js';
import { FatalInputError } from '../../io/region/fatalInputError.js';
import { translator } from '../../i18n/catalog.js';
import { formatZonedTime } from '../../i18n/formatZonedTime.js';
import type { Language } from '../../i18n/languages.js';
import { DEFAULT_REPORT_LOCALE } from '../../i18n/reportLocale.js';
import { commandLocale } from '../commandLocale.js';
import { renderTable } from '../format/table.js';
import { LANG_TABLES_HELP, languageArgument, UsageError } from '../parseOptions.js';

/** Options every command on a region's output folder takes. */
export interface RegionOutOptions {
  region: string;
  out?: string;
  json?: boolean;
  /** `--lang` of the tables and messages (commandLocale: else the region policy, else LANG). */
  lang?: Language;
}

/** A time of a table in the locale's zone with the zone named; '' for none. */
export function zonedOrBlank(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatZonedTime(iso, timeZone) : '';
}

/** Who runs a command, for the audit log: `--by`, else the OS user name. */
export function auditUser(by?: string): string | null {
  if (by !== undefined) return by;
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/**
 * The region output folder: `--out`, else $OUT_DIR/<region-name> (OUT_DIR default ./out). `--region` may be a name or the
 * region's input folder (as for `territory plan`); only its base name is used.
 */
export function regionOutDir(opts: RegionOutOptions): string {
  return resolve(opts.out ?? join(loadOutRoot(), basename(resolve(opts.region))));
}

/**
 * Refuses a region output folder that does not exist: `versions --region typo` must say so and
 * exit 1, not list "no versions" as if the region had simply never been planned. (An existing
 * folder without versions is a region that was never published, and lists nothing.)
 */
export async function assertRegionOutDir(out: string, opts: RegionOutOptions): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info?.isDirectory()) return;
  const where = opts.out === undefined ? ` (from --region ${opts.region} and OUT_DIR ${loadOutRoot()})` : '';
  throw new FatalInputError(
    `${out}${where} ${info ? 'is not a folder' : 'does not exist'}: no published versions there; check --region, --out or OUT_DIR`,
    out,
  );
}

/** `territory rollback --region <name> --to <version>`: point current back at an older version. */
export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .description(
      "switch a region's current plan to an earlier (or later) published version, after verifying its checksums",
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .requiredOption('--to <version>', 'version to make current (see `territory versions`)')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--by <name>', 'who rolls back, for the audit log (default the OS user)')
    .option('--note <text>', 'note for the audit log')
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print the result as JSON')
    .action(async (opts: RegionOutOptions & { to: string; by?: string; note?: string }) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const result = await rollback(out, opts.to, { by: auditUser(opts.by), note: opts.note ?? null });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, ...result })}\n`);
        return;
      }
      const t = translator((await commandLocale(opts.lang, opts.region)).lang);
      process.stdout.write(
        `${t('cli.rollback.done', { region: basename(out), from: result.from ?? t('cli.none'), to: result.to })}\n`,
      );
    });
}

/** `territory versions --region <name>`: the published versions, newest first, and which is current. */
export function registerVersionsCommand(program: Command): void {
  program
    .command('versions')
    .description('list the published versions of a region (newest first); optionally prune old ones')
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option(
      '--prune [keep]',
      `remove all but the newest versions (default ${DEFAULT_KEEP_VERSIONS}); never the current one`,
    )
    .option(
      '--audit',
      "print the region's audit log (publishes, candidates, approvals, rejections, rollbacks)",
    )
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print JSON')
    .action(async (opts: RegionOutOptions & { prune?: string | boolean; audit?: boolean }) => {
      const out = regionOutDir(opts);
      const keep =
        opts.prune === undefined || opts.prune === true ? DEFAULT_KEEP_VERSIONS : Number(opts.prune);
      if (!Number.isInteger(keep) || keep < 1)
        throw new UsageError(`--prune expects a whole number >= 1, got "${String(opts.prune)}"`);
      await assertRegionOutDir(out, opts);
      const pruned = opts.prune === undefined ? [] : await pruneVersions(out, keep);
      const versions = await listVersions(out);
      // JSON is the same in every language: the policy is read only for the tables.
      const locale = opts.json ? DEFAULT_REPORT_LOCALE : await commandLocale(opts.lang, opts.region);
      const t = translator(locale.lang);
      if (opts.audit) {
        const audit = await readAudit(out);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ outDir: out, audit }, null, 2)}\n`);
          return;
        }
        if (audit.length === 0) {
          process.stdout.write(`${t('cli.audit.empty', { out })}\n`);
          return;
        }
        const rows = audit.map((e) => [
          zonedOrBlank(e.at, locale.timeZone),
          e.action,
          e.version,
          e.from ?? '',
          e.to ?? '',
          e.by ?? '',
          e.note ?? '',
          e.reason ?? '',
        ]);
        process.stdout.write(
          `${renderTable(
            (['at', 'action', 'version', 'from', 'to', 'by', 'note', 'reason'] as const).map((c) =>
              t(`cli.audit.col.${c}`),
            ),
            rows,
          )}\n`,
        );
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, pruned, versions }, null, 2)}\n`);
        return;
      }
      if (pruned.length > 0)
        process.stdout.write(
          `${t('cli.versions.pruned', { count: pruned.length, versions: pruned.join(', ') })}\n`,
        );
      if (versions.length === 0) {
        process.stdout.write(`${t('cli.versions.none', { out })}\n`);
        return;
      }
      const rows = versions.map((v) => [
        v.current ? '*' : '',
        v.version,
        zonedOrBlank(v.generatedAt, locale.timeZone),
        zonedOrBlank(v.publishedAt, locale.timeZone),
        v.status,
        v.mode ?? '',
        (v.inputHash ?? '').slice(0, 12),
        v.programVersion ?? '',
        v.error
          ? t('cli.damaged', { error: v.error })
          : t(v.compressed ? 'cli.versions.filesCompressed' : 'cli.versions.files', {
              files: v.files,
              mb: (v.bytes / 1e6).toFixed(1),
            }),
      ]);
      const columns = [
        'version',
        'plannedAt',
        'publishedAt',
        'status',
        'mode',
        'input',
        'program',
        'files',
      ] as const;
      process.stdout.write(`${renderTable(['', ...columns.map((c) => t(`cli.versions.col.${c}`))], rows)}\n`);
    });
}
