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
import { renderTable } from '../format/table.js';
import { UsageError } from '../parseOptions.js';

/** Options every command on a region's output folder takes. */
export interface RegionOutOptions {
  region: string;
  out?: string;
  json?: boolean;
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
    .option('--json', 'print the result as JSON')
    .action(async (opts: RegionOutOptions & { to: string; by?: string; note?: string }) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const result = await rollback(out, opts.to, { by: auditUser(opts.by), note: opts.note ?? null });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, ...result })}\n`);
        return;
      }
      process.stdout.write(`${basename(out)}: current ${result.from ?? '(none)'} -> ${result.to}\n`);
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
      if (opts.audit) {
        const audit = await readAudit(out);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ outDir: out, audit }, null, 2)}\n`);
          return;
        }
        if (audit.length === 0) {
          process.stdout.write(`${out}: the audit log is empty\n`);
          return;
        }
        const rows = audit.map((e) => [
          e.at,
          e.action,
          e.version,
          e.from ?? '',
          e.to ?? '',
          e.by ?? '',
          e.note ?? '',
          e.reason ?? '',
        ]);
        process.stdout.write(
          `${renderTable(['at', 'action', 'version', 'from', 'to', 'by', 'note', 'reason'], rows)}\n`,
        );
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, pruned, versions }, null, 2)}\n`);
        return;
      }
      if (pruned.length > 0) process.stdout.write(`pruned ${pruned.length}: ${pruned.join(', ')}\n`);
      if (versions.length === 0) {
        process.stdout.write(`${out}: no published versions\n`);
        return;
      }
      const rows = versions.map((v) => [
        v.current ? '*' : '',
        v.version,
        v.generatedAt ?? '',
        v.publishedAt ?? '',
        v.status,
        v.mode ?? '',
        (v.inputHash ?? '').slice(0, 12),
        v.programVersion ?? '',
        v.error
          ? `damaged: ${v.error}`
          : `${v.files} files, ${(v.bytes / 1e6).toFixed(1)} MB${v.compressed ? ' (kept compressed)' : ''}`,
      ]);
      process.stdout.write(
        `${renderTable(['', 'version', 'planned at', 'published at', 'status', 'mode', 'input', 'program', 'files'], rows)}\n`,
      );
    });
}
