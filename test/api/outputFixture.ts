import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { scenarioOutDir } from '../../src/io/publish/planRefs.js';
import { publishVersion } from '../../src/io/publish/publishVersion.js';
import { rejectVersion } from '../../src/io/publish/review.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

/** The folders and versions of outputFixture. */
export interface OutputFixture {
  root: string;
  regionsDir: string;
  outDir: string;
  /** Region alpha: v1 (current), a pending candidate, a rejected candidate, scenario more-reps, a comparison. */
  alpha: {
    v1: string;
    candidate: string;
    rejected: string;
    scenario: string;
    scenarioVersion: string;
    slug: string;
  };
  /** A file outside the output root, reachable only through symlinks the API must not follow. */
  secret: string;
}

/** A version of `regionOutDir` planned at 2026-05-0<day> (a candidate on `basedOn` when given). */
export async function publishDay(
  regionOutDir: string,
  day: number,
  basedOn?: string | null,
): Promise<string> {
  const result = await publishVersion({
    regionOutDir,
    plan: buildFixturePlan({ generatedAt: `2026-05-0${day}T02:15:00.000Z` }),
    policy: DEFAULT_POLICY,
    previous: null,
    programVersion: 'test',
    candidate: basedOn !== undefined,
    ...(basedOn === undefined ? {} : { basedOn }),
  });
  return result.version;
}

/**
 * A regions folder (alpha, with input only: beta-input) and an output root laid out as the
 * publisher, `territory scenario` and `territory compare` write it, plus the escapes the API must
 * refuse: an output folder `escaped` that is a symlink to a published region outside the root,
 * a scenario folder and a comparison folder that are symlinks leaving the region's folder.
 */
export async function outputFixture(): Promise<OutputFixture> {
  const root = mkdtempSync(join(tmpdir(), 'tw-api-files-'));
  const regionsDir = join(root, 'regions');
  const outDir = join(root, 'out');
  for (const region of ['alpha', 'beta-input']) {
    mkdirSync(join(regionsDir, region), { recursive: true });
    writeFileSync(join(regionsDir, region, 'outlets.csv'), 'id\n');
  }
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, 'top secret\n');

  const alphaOut = join(outDir, 'alpha');
  const v1 = await publishDay(alphaOut, 1);
  const candidate = await publishDay(alphaOut, 2, v1);
  const rejected = await publishDay(alphaOut, 3, v1);
  await rejectVersion(alphaOut, rejected, { by: 'fixture' });
  const scenario = 'more-reps';
  const scenarioVersion = await publishDay(scenarioOutDir(alphaOut, scenario), 4, null);
  const slug = 'current-vs-more-reps';
  mkdirSync(join(alphaOut, 'compare', slug), { recursive: true });
  writeFileSync(
    join(alphaOut, 'compare', slug, 'compare.json'),
    '{"a":"current","b":"scenario:more-reps"}\n',
  );
  writeFileSync(join(alphaOut, 'compare', slug, 'compare.html'), '<!doctype html><title>compare</title>\n');

  // Escapes: a region, a scenario and a comparison whose folders are symlinks out of the root.
  const elsewhere = join(root, 'elsewhere');
  await publishDay(join(elsewhere, 'escaped'), 1);
  symlinkSync(join(elsewhere, 'escaped'), join(outDir, 'escaped'));
  await publishDay(join(elsewhere, 'scenario'), 5, null);
  symlinkSync(join(elsewhere, 'scenario'), join(alphaOut, 'scenarios', 'linked'));
  mkdirSync(join(elsewhere, 'compare'));
  writeFileSync(join(elsewhere, 'compare', 'compare.json'), '{"secret":true}\n');
  symlinkSync(join(elsewhere, 'compare'), join(alphaOut, 'compare', 'linked'));

  return {
    root,
    regionsDir,
    outDir,
    alpha: { v1, candidate, rejected, scenario, scenarioVersion, slug },
    secret,
  };
}
