import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import iconv from 'iconv-lite';
import { countOutletTiers, countRepTiers } from '../../domain/generate/countTiers.js';
import { createDistrictGrid } from '../../domain/generate/districtGrid.js';
import {
  generateRegion,
  regionBounds,
  type GenerateRegionOptions,
} from '../../domain/generate/generateRegion.js';
import { REGION_LANGUAGES, type RegionLanguage } from '../../domain/generate/nameWords.js';
import { renderOutletsCsv, renderRepsCsv } from '../../domain/generate/renderRegionCsv.js';
import { renderRegionReadme } from '../../domain/generate/renderRegionReadme.js';
import type { LonLat } from '../../domain/types.js';
import { seedArgument, UsageError } from '../parseOptions.js';

interface GenerateCommandOptions {
  outlets: string;
  reps: string;
  seed: number;
  out: string;
  name?: string;
  center?: string;
  widthKm?: string;
  heightKm?: string;
  remoteVillages?: string;
  force?: boolean;
  lang?: string;
  encoding?: string;
}

/** The files `generate` writes into the region folder. */
const GENERATED_FILES = ['outlets.csv', 'reps.csv', 'README.md'] as const;

/**
 * Refuses to write into a folder that already holds anything unless `force` is set: a typo in
 * `--out` must not silently replace a real region's outlets and reps. A missing or empty folder is fine.
 */
async function checkTarget(dir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    if ((error as { code?: string }).code === 'ENOTDIR')
      throw new Error(`--out ${dir} is a file, not a folder`, { cause: error });
    throw error;
  }
  if (entries.length === 0 || force) return;
  const shown = entries.sort().slice(0, 5).join(', ');
  throw new Error(
    `${dir} is not empty (${shown}${entries.length > 5 ? ', ...' : ''}); use --force to overwrite ${GENERATED_FILES.join(', ')} there, or choose another --out`,
  );
}

function parseWhole(option: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${option} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

function parseKm(option: string, value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${option} must be a positive number of km, got "${value}"`);
  return n;
}

function parseCenter(value: string): LonLat {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const [lon, lat] = parts;
  if (
    parts.length !== 2 ||
    lon === undefined ||
    lat === undefined ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat)
  ) {
    throw new UsageError(`--center must be "lon,lat" in degrees, got "${value}"`);
  }
  return [lon, lat];
}

/** The command line that reproduces a generation, as written into the region's README. */
function commandLine(opts: GenerateCommandOptions): string {
  const parts = [
    'territory generate',
    `--outlets ${opts.outlets}`,
    `--reps ${opts.reps}`,
    `--seed ${opts.seed}`,
  ];
  parts.push(`--out ${opts.out}`);
  if (opts.name !== undefined) parts.push(`--name ${opts.name}`);
  if (opts.center !== undefined) parts.push(`--center ${opts.center}`);
  if (opts.widthKm !== undefined) parts.push(`--width-km ${opts.widthKm}`);
  if (opts.heightKm !== undefined) parts.push(`--height-km ${opts.heightKm}`);
  if (opts.remoteVillages !== undefined) parts.push(`--remote-villages ${opts.remoteVillages}`);
  if (opts.lang !== undefined) parts.push(`--lang ${opts.lang}`);
  if (opts.encoding !== undefined) parts.push(`--encoding ${opts.encoding}`);
  return parts.join(' ');
}

function parseLang(value: string): RegionLanguage {
  const lang = REGION_LANGUAGES.find((l) => l === value.trim().toLowerCase());
  if (lang === undefined)
    throw new UsageError(`--lang must be one of ${REGION_LANGUAGES.join(', ')}, got "${value}"`);
  return lang;
}

/** The encodings `generate` can write its CSV files in: UTF-8, or GBK as Excel on Chinese Windows saves CSV. */
function parseOutputEncoding(value: string): 'utf-8' | 'gbk' {
  const name = value.trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'gbk') return 'gbk';
  throw new UsageError(`--encoding must be utf-8 or gbk, got "${value}"`);
}

/** A CSV file's bytes in the chosen encoding (GBK through iconv-lite: every generated character is in GBK). */
function encodeCsv(text: string, encoding: 'utf-8' | 'gbk'): Buffer {
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}

/**
 * `territory generate`: writes a synthetic, city-like region folder (outlets.csv, reps.csv and a
 * README.md saying how it was made) with the reference practice's tier mix and staffing.
 */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic region (outlets.csv, reps.csv, README.md) with the reference tier mix')
    .option('--outlets <n>', 'number of outlets', '1399')
    .option('--reps <k>', 'number of reps (at least 4, one per tier)', '12')
    .option('--seed <s>', 'generator seed; the same options write the same files', seedArgument, 42)
    .requiredOption(
      '--out <dir>',
      'region folder to write (created if missing; must be empty unless --force)',
    )
    .option('--force', 'overwrite outlets.csv, reps.csv and README.md in a folder that is not empty')
    .option(
      '--name <name>',
      'place name for shop signs and the outlet id prefix (default kuiwen: ids KW00001...)',
    )
    .option('--center <lon,lat>', 'region centre in degrees (default 119.13,36.71)')
    .option(
      '--width-km <km>',
      'region width (default 15 km, scaled by sqrt(outlets/1399) above 1,399 outlets)',
    )
    .option('--height-km <km>', 'region height (default 12 km, scaled like the width)')
    .option('--remote-villages <n>', 'villages of 5 small shops 25-40 km from the centre (default 0)')
    .option(
      '--lang <lang>',
      'language of headers, names and business types: en (default) or zh (the same region in Chinese)',
    )
    .option(
      '--encoding <name>',
      'encoding of the CSV files: utf-8 (default) or gbk (as Excel on Chinese Windows)',
    )
    .action(async (opts: GenerateCommandOptions) => {
      const lang = opts.lang !== undefined ? parseLang(opts.lang) : 'en';
      const encoding = opts.encoding !== undefined ? parseOutputEncoding(opts.encoding) : 'utf-8';
      const options: GenerateRegionOptions = {
        outlets: parseWhole('--outlets', opts.outlets, 1),
        reps: parseWhole('--reps', opts.reps, 4),
        seed: opts.seed,
        ...(opts.name !== undefined ? { name: opts.name } : {}),
        ...(opts.center !== undefined ? { center: parseCenter(opts.center) } : {}),
        ...(opts.widthKm !== undefined ? { widthKm: parseKm('--width-km', opts.widthKm) } : {}),
        ...(opts.heightKm !== undefined ? { heightKm: parseKm('--height-km', opts.heightKm) } : {}),
        ...(opts.remoteVillages !== undefined
          ? { remoteVillages: parseWhole('--remote-villages', opts.remoteVillages, 0) }
          : {}),
        lang,
      };
      const dir = resolve(opts.out);
      await checkTarget(dir, opts.force ?? false);
      const region = generateRegion(options);
      const bounds = regionBounds(options);
      const districts = createDistrictGrid(bounds.widthKm, bounds.heightKm);
      const outletTiers = countOutletTiers(region.outlets);
      const repTiers = countRepTiers(region.reps);
      const readme = renderRegionReadme({
        regionName: basename(dir),
        command: commandLine(opts),
        seed: options.seed,
        outletTiers,
        repTiers,
        bounds,
        districtCount: districts.cols * districts.rows,
        lang,
      });
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'outlets.csv'), encodeCsv(renderOutletsCsv(region.outlets, lang), encoding));
      await writeFile(join(dir, 'reps.csv'), encodeCsv(renderRepsCsv(region.reps, lang), encoding));
      await writeFile(join(dir, 'README.md'), readme);
      process.stdout.write(
        `${dir}: ${region.outlets.length} outlets (large ${outletTiers.large}, night-venue ${outletTiers['night-venue']}, ` +
          `medium ${outletTiers.medium}, small ${outletTiers.small}), ${region.reps.length} reps ` +
          `(A ${repTiers.A}, B ${repTiers.B}, C ${repTiers.C}, D ${repTiers.D})\n`,
      );
    });
}
