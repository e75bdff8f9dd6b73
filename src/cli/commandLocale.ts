import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReportPolicy } from '../domain/policy/reportPolicy.js';
import { languageSchema, type Language } from '../i18n/languages.js';
import { resolveReportLocale, type ReportLocale } from '../i18n/reportLocale.js';
import { loadRegionPolicy } from '../io/region/loadRegion.js';
import { reportChoice } from './parseOptions.js';

/**
 * The `report` section of the region policy a command's `--region` names, when it names a region
 * input folder (with its policy.json); undefined when it names only a region (no folder here) or
 * the folder has no policy. A policy that cannot be read does not stop a command that only
 * reads published plans: `onUnreadable` is told why (the command notes it on stderr) and the
 * language falls back to LANG.
 */
export async function regionReportPolicy(
  region: string | undefined,
  onUnreadable: (message: string) => void,
): Promise<ReportPolicy | undefined> {
  if (region === undefined) return undefined;
  const dir = resolve(region);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return undefined;
  try {
    return (await loadRegionPolicy(dir)).report;
  } catch (error) {
    onUnreadable((error as Error).message);
    return undefined;
  }
}

/**
 * The language and time zone of a command's tables and messages: `--lang`, else the region
 * policy's `report.lang` (when `--region` is a region folder), else LC_ALL / LANG, else English;
 * the policy's `report.timeZone`, else SCHEDULE_TZ, else UTC (resolveReportLocale).
 */
export async function commandLocale(lang: Language | undefined, region?: string): Promise<ReportLocale> {
  const report = await regionReportPolicy(region, (message) =>
    process.stderr.write(
      `note: report language and zone from LANG/SCHEDULE_TZ, not the policy: ${message}\n`,
    ),
  );
  return resolveReportLocale(reportChoice(lang), report);
}

/** The value of `--name X` or `--name=X` among the arguments (before any `--`), else undefined. */
function optionValue(args: readonly string[], name: string): string | undefined {
  const end = args.indexOf('--');
  const list = end === -1 ? args : args.slice(0, end);
  for (let i = 0; i < list.length; i++) {
    const arg = list[i] ?? '';
    if (arg === name) return list[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * The language of the CLI's `error:` line, from the raw arguments (the command never got to
 * parse them when it failed): `--lang`, else the policy of the `--region` folder, else LANG, else
 * English. A policy that cannot be read here (often the very error being reported) just leaves
 * the choice to LANG: the error line itself says what is wrong.
 */
export async function errorLanguage(args: readonly string[]): Promise<Language> {
  const parsed = languageSchema.safeParse(optionValue(args, '--lang'));
  const report = await regionReportPolicy(optionValue(args, '--region'), () => undefined);
  return resolveReportLocale(reportChoice(parsed.success ? parsed.data : undefined), report).lang;
}
