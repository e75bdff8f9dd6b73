import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadArchivePolicy, loadMapTiles } from '../../config/env.js';
import { runPlan } from '../../app/runPlan.js';
import { appendAudit, auditEntry } from '../../io/publish/auditLog.js';
import { describeScenarioInputs } from '../../domain/scenario/scenarioSpec.js';
import { promotionNotice } from '../../io/publish/promoteScenario.js';
import { readManifest } from '../../io/publish/publishVersion.js';
import { approveVersion, checkCandidate, rejectVersion } from '../../io/publish/review.js';
import { translator } from '../../i18n/catalog.js';
import { commandLocale } from '../commandLocale.js';
import { LANG_TABLES_HELP, languageArgument } from '../parseOptions.js';
import { assertRegionOutDir, auditUser, regionOutDir, type RegionOutOptions } from './rollback.js';

interface ReviewCommandOptions extends RegionOutOptions {
  version: string;
  by?: string;
  note?: string;
  rebase?: boolean;
  input?: string;
}

/**
 * The region's input folder for `approve --rebase`: `--input`, else `--region` when it is a
 * folder with outlets.csv or outlets.xlsx, else `$REGIONS_DIR/<region-name>` (REGIONS_DIR default ./data/regions).
 */
async function regionInputDir(opts: ReviewCommandOptions): Promise<string> {
  if (opts.input) return resolve(opts.input);
  const asFolder = resolve(opts.region);
  for (const file of ['outlets.csv', 'outlets.xlsx']) {
    if ((await stat(join(asFolder, file)).catch(() => null))?.isFile()) return asFolder;
  }
  return resolve(process.env.REGIONS_DIR || 'data/regions', basename(asFolder));
}

/**
 * Re-plans a stale candidate on today's inputs: a rebuild of the region with the candidate's plan
 * as the previous plan (its tiers and territories are kept where today's data allows), published
 * directly and audited (`publish` for the new version, `approve` for the candidate).
 */
async function rebaseCandidate(
  out: string,
  opts: ReviewCommandOptions,
  basedOn: string | null,
  current: string | null,
): Promise<{ from: string | null; to: string | null }> {
  const by = auditUser(opts.by);
  const reason = `rebase of candidate ${opts.version} (planned on ${basedOn ?? 'none'}, current ${current ?? 'none'})`;
  const result = await runPlan({
    regionDir: await regionInputDir(opts),
    outDir: out,
    mode: 'rebuild',
    previousFile: join(out, 'versions', opts.version, 'plan.json'),
    force: true,
    publish: true,
    by,
    note: opts.note ?? null,
    auditReason: reason,
    mapTiles: loadMapTiles(),
    archive: loadArchivePolicy(),
  });
  await appendAudit(
    out,
    auditEntry(
      {
        action: 'approve',
        version: opts.version,
        from: current,
        to: result.version,
        reason: `${reason}: re-planned as a rebuild and published as ${result.version ?? '?'}`,
      },
      { by, note: opts.note },
    ),
  );
  return { from: current, to: result.version };
}

/**
 * What the manager must know after approving a candidate promoted from a scenario whose inputs
 * differ from the region's (promotionNotice: the next rebuild undoes them), or after rebasing one
 * (the re-plan used the region's own inputs, so the scenario's changes are not in it). Null for
 * other candidates.
 */
async function scenarioNotice(
  out: string,
  version: string,
  rebased: boolean,
  to: string | null,
): Promise<string | null> {
  const manifest = await readManifest(join(out, 'versions', version)).catch(() => null);
  if (!manifest?.scenario) return null;
  if (!rebased) return promotionNotice(manifest);
  const changes = describeScenarioInputs(manifest.scenario);
  return changes.length === 0
    ? null
    : `candidate ${version} came from scenario ${manifest.scenario.name}; --rebase re-planned it from the region's own inputs, so its changes (${changes.join(' ')}) are not in ${to ?? 'the new version'}`;
}

/** `territory approve` and `territory reject`: a manager's decision on a candidate version. */
export function registerReviewCommands(program: Command): void {
  program
    .command('approve')
    .description(
      'make a candidate version current after verifying its checksums (atomically, as rollback does); audited',
    )
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .requiredOption('--version <version>', 'candidate version to approve (see `territory versions`)')
    .option('--by <name>', 'who approves, for the audit log (default the OS user)')
    .option('--note <text>', 'note for the audit log')
    .option(
      '--rebase',
      'when the candidate was planned on an older current: re-plan it on today inputs as a rebuild and publish that',
    )
    .option(
      '--input <dir>',
      'with --rebase: the region input folder (default --region, else $REGIONS_DIR/<name>)',
    )
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print the result as JSON')
    .action(async (opts: ReviewCommandOptions) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const check = await checkCandidate(out, opts.version, 'approve');
      const rebased = check.stale && opts.rebase === true;
      const result = rebased
        ? await rebaseCandidate(out, opts, check.basedOn, check.current)
        : await approveVersion(out, opts.version, { by: auditUser(opts.by), note: opts.note ?? null });
      const notice = await scenarioNotice(out, opts.version, rebased, result.to);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ outDir: out, version: opts.version, rebased, ...result, ...(notice ? { notice } : {}) })}\n`,
        );
        return;
      }
      const t = translator((await commandLocale(opts.lang, opts.region)).lang);
      const params = {
        region: basename(out),
        version: opts.version,
        from: result.from ?? t('cli.none'),
        to: result.to ?? '?',
      };
      process.stdout.write(
        `${t(rebased ? 'cli.approve.rebased' : 'cli.approve.done', params)}\n` +
          (notice ? `${t('cli.note', { note: notice })}\n` : ''),
      );
    });

  program
    .command('reject')
    .description('mark a candidate version rejected (it can no longer be approved); audited')
    .requiredOption('--region <name>', 'region name (or its input folder)')
    .requiredOption('--version <version>', 'candidate version to reject')
    .option('--by <name>', 'who rejects, for the audit log (default the OS user)')
    .option('--note <text>', 'note for the audit log')
    .option('--out <dir>', 'region output folder (default $OUT_DIR/<region-name>, OUT_DIR default ./out)')
    .option('--lang <lang>', LANG_TABLES_HELP, languageArgument)
    .option('--json', 'print the result as JSON')
    .action(async (opts: ReviewCommandOptions) => {
      const out = regionOutDir(opts);
      await assertRegionOutDir(out, opts);
      const result = await rejectVersion(out, opts.version, {
        by: auditUser(opts.by),
        note: opts.note ?? null,
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ outDir: out, ...result, status: 'rejected' })}\n`);
        return;
      }
      const t = translator((await commandLocale(opts.lang, opts.region)).lang);
      process.stdout.write(
        `${t('cli.reject.done', { region: basename(out), version: opts.version, current: result.current ?? t('cli.none') })}\n`,
      );
    });
}
