import { z } from 'zod';

/** The languages of the reports and CLI tables: English and Simplified Chinese (mainland). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `--lang` and the policy's `report.lang`: `en` or `zh-CN` (also accepted: `zh`, `zh_CN`, any case). */
export const languageSchema = z.preprocess(
  (value) => (typeof value === 'string' ? (normaliseLanguage(value) ?? value) : value),
  z.enum(LANGUAGES, { message: 'must be en or zh-CN' }),
);

/** `zh`, `zh-cn`, `zh_CN` -> `zh-CN`; `en`, `en-US` -> `en`; anything else -> null. */
function normaliseLanguage(value: string): Language | null {
  const tag = value.trim().replace('_', '-').toLowerCase();
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-hans' || tag === 'zh-hans-cn') return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language a POSIX locale (`LC_ALL`, `LANG`: `zh_CN.UTF-8`, `zh_CN.GB18030`, `en_US.UTF-8`,
 * `C`) asks for: any Chinese locale gives zh-CN (the only Chinese catalogue), everything else
 * English. Null when the variable is unset or empty, so the next source decides.
 */
export function languageOfLocale(locale: string | undefined): Language | null {
  if (locale === undefined || locale.trim() === '') return null;
  return /^zh([_.@-]|$)/i.test(locale.trim()) ? 'zh-CN' : 'en';
}
