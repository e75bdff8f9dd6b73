import type { ReportPolicy } from '../domain/policy/reportPolicy.js';
import type { Language } from './languages.js';

/** The language and IANA time zone one run's report pages and CLI text are written in. */
export interface ReportLocale {
  lang: Language;
  timeZone: string;
}

/** What the edge (CLI flags, environment) says about the report locale, before the policy. */
export interface ReportLocaleChoice {
  /** `--lang`: beats the policy. */
  lang?: Language;
  /** From the LANG / LC_ALL locale: used when neither `--lang` nor the policy names a language. */
  defaultLang?: Language;
  /** The schedule zone (SCHEDULE_TZ or the region's schedule): used when the policy names none. */
  defaultTimeZone?: string;
}

/** The English, UTC locale: what a caller that says nothing gets. */
export const DEFAULT_REPORT_LOCALE: ReportLocale = { lang: 'en', timeZone: 'UTC' };

/**
 * The locale of one run: `--lang`, else the policy's `report.lang`, else the locale's language,
 * else English; the policy's `report.timeZone`, else the schedule zone, else UTC.
 */
export function resolveReportLocale(
  choice: ReportLocaleChoice | undefined,
  report: ReportPolicy | undefined,
): ReportLocale {
  return {
    lang: choice?.lang ?? report?.lang ?? choice?.defaultLang ?? DEFAULT_REPORT_LOCALE.lang,
    timeZone: report?.timeZone ?? choice?.defaultTimeZone ?? DEFAULT_REPORT_LOCALE.timeZone,
  };
}
