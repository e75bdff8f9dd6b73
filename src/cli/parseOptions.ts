import { InvalidArgumentError } from 'commander';
import { errorText } from '../i18n/warningText.js';
import { MAX_REP_GROUPS } from '../domain/pipeline/splitUnits.js';
import { INPUT_ENCODINGS, type InputEncodingChoice } from '../domain/policy/policySchema.js';
import { loadReportDefaults } from '../config/env.js';
import { languageSchema, type Language } from '../i18n/languages.js';
import type { ReportLocaleChoice } from '../i18n/reportLocale.js';

/**
 * commander argument parser for `--seed` (a whole number from 0 to 4294967295): a bad value is a
 * usage error (commander prints it naming the option and the CLI exits 2), reported before the
 * command does any work.
 */
export function seedArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError(errorText('error.arg.wholeNumber', { min: 0, max: 4294967295, value }));
  return n;
}

/** commander argument parser for `--groups`: a whole number of rep groups per pool, 1-16. */
export function groupsArgument(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REP_GROUPS)
    throw new InvalidArgumentError(
      errorText('error.arg.wholeNumber', { min: 1, max: MAX_REP_GROUPS, value }),
    );
  return n;
}

/**
 * commander argument parser for `--encoding`: one of auto, utf-8, gb18030, gbk (any case; `utf8`
 * is read as utf-8). Anything else is a usage error naming the accepted values.
 */
export function encodingArgument(value: string): InputEncodingChoice {
  const folded = value.trim().toLowerCase();
  const name = folded === 'utf8' ? 'utf-8' : folded;
  const match = INPUT_ENCODINGS.find((encoding) => encoding === name);
  if (match === undefined)
    throw new InvalidArgumentError(
      errorText('error.arg.oneOf', { choices: INPUT_ENCODINGS.join(', '), value }),
    );
  return match;
}

/**
 * commander argument parser for `--lang`: en or zh-CN (also zh, zh_CN, any case); anything else
 * is a usage error naming the accepted values.
 */
export function languageArgument(value: string): Language {
  const parsed = languageSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(errorText('error.arg.language', { value }));
  return parsed.data;
}

/** Help text of `--lang`, shared by the commands that write reports. */
export const LANG_OPTION_HELP =
  'language of map.html / compare.html and the tables: en or zh-CN (default the policy report.lang, else LANG/LC_ALL, else en)';

/** Help text of `--lang` for the commands that only print tables and messages. */
export const LANG_TABLES_HELP =
  'language of the tables and messages: en or zh-CN (default the region policy report.lang, else LANG/LC_ALL, else en)';

/** The report defaults of the environment with `--lang` on top (resolveReportLocale adds the policy). */
export function reportChoice(lang: Language | undefined): ReportLocaleChoice {
  return { ...loadReportDefaults(), ...(lang === undefined ? {} : { lang }) };
}

/** Help text of `--encoding` and `--sheet`, shared by the commands that load a region. */
export const INPUT_OPTION_HELP = {
  encoding:
    'decoding of CSV inputs: auto (UTF-8, else GB18030/GBK), utf-8, gb18030 or gbk (sets input.encoding)',
  sheet: 'worksheet of outlets.xlsx / reps.xlsx inputs (default the first sheet; sets input.sheet)',
} as const;

/**
 * A usage error found by a command rather than by the parser (an option combination it refuses,
 * an option value it cannot use): main() prints it like any error and exits with `exitCode` 2,
 * the code of every usage error.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  readonly code = 'usage';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
