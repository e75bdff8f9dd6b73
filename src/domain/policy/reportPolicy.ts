import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages.js';
import { isTimeZone } from '../../i18n/timeZone.js';

/**
 * How the region's reports read (map.html, compare.html and the CLI tables): `lang` (`en` or
 * `zh-CN`; `--lang` overrides it, and without either the LANG locale decides) and `timeZone`, the
 * IANA zone times are shown in (default: the region's schedule zone, SCHEDULE_TZ). Only the
 * report pages and CLI text depend on it; plan.json, summary.json and the other JSON files stay
 * the same apart from the policy hash.
 */
export const reportPolicySchema = z
  .object({
    lang: z.enum(LANGUAGES).optional(),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').optional(),
  })
  .strict();
export type ReportPolicy = z.infer<typeof reportPolicySchema>;
