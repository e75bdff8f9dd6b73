import { VISIT_FREQUENCIES, type VisitFrequency } from '../../domain/policy/policySchema.js';
import { REP_TIERS, type RepTier } from '../../domain/types.js';

/**
 * The words the enumerated input fields are accepted in besides their canonical values: an
 * outlet's `status`, a rep's `tier` and an outlet's `visit_frequency` as a Chinese export writes
 * them (营业 / 停业, A类, 每周一次...). The README's alias table lists the same words. Values are
 * compared after foldValue, so case and full-width characters do not matter.
 */

/** Other words for an outlet's status (empty status = active). */
export const STATUS_ALIASES: Readonly<Record<'active' | 'closed', readonly string[]>> = {
  active: ['营业', '正常', '正常营业', '在营', '有效'],
  closed: ['停业', '歇业', '注销', '已注销', '关闭', '暂停营业'],
};

/** Other words for the visit frequencies of the `visit_frequency` override. */
export const FREQUENCY_ALIASES: Readonly<Record<VisitFrequency, readonly string[]>> = {
  'twice-weekly': ['每周两次', '每周2次', '一周两次'],
  weekly: ['每周一次', '每周1次', '一周一次', '每周'],
  'every-2-weeks': ['两周一次', '每两周一次', '2周一次', '双周', '隔周'],
  'every-4-weeks': ['四周一次', '每四周一次', '4周一次', '每月一次', '每月'],
};

/** Suffixes a rep tier may carry: `A类` (class A), `A级` (grade A). */
const TIER_SUFFIX = /^([A-Z])\s*[类级]?$/u;

/** NFKC (full-width to half-width), trimmed and lower-cased: the form enumerated values are compared in. */
export function foldValue(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/** An outlet status, `active` or `closed` in English or Chinese (STATUS_ALIASES); null for anything else. */
export function parseStatus(text: string): 'active' | 'closed' | null {
  const folded = foldValue(text);
  for (const status of ['active', 'closed'] as const) {
    if (folded === status || STATUS_ALIASES[status].includes(folded)) return status;
  }
  return null;
}

/** A rep tier `A`-`D`, any case or width, optionally followed by 类 or 级 (`A类`, `ｂ级`); null otherwise. */
export function parseRepTier(text: string): RepTier | null {
  const match = TIER_SUFFIX.exec(foldValue(text).toUpperCase());
  const letter = match?.[1];
  return letter !== undefined && (REP_TIERS as readonly string[]).includes(letter)
    ? (letter as RepTier)
    : null;
}

/**
 * A visit frequency: the canonical name in any case with `_` or spaces for `-`
 * (`Every 2 Weeks`), or a Chinese wording from FREQUENCY_ALIASES; null otherwise.
 */
export function parseFrequencyName(text: string): VisitFrequency | null {
  const folded = foldValue(text);
  const dashed = folded.replace(/[_\s]+/g, '-');
  for (const frequency of VISIT_FREQUENCIES) {
    if (dashed === frequency || FREQUENCY_ALIASES[frequency].includes(folded)) return frequency;
  }
  return null;
}
