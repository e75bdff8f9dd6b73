import { OUTLET_TIERS, REP_TIERS, WEEKDAYS } from '../domain/types.js';
import { fillTemplate, messagesOf, translator, type MessageKey, type Translate } from './catalog.js';
import type { Language } from './languages.js';
import { maskNumbers } from './maskNumbers.js';
import type { ChangeKey, ErrorKey, QuarantineKey, WarningKey } from './warningText.js';

/** The keys a notice can be parsed back to: plan warnings, fatal input errors, quarantine reasons. */
type NoticeKey = WarningKey | ErrorKey | QuarantineKey | ChangeKey;

/**
 * A plan warning (or a fatal input error, or a quarantine reason) as a catalogue key and the
 * values of its placeholders.
 */
export interface WarningNotice {
  key: NoticeKey;
  params: Record<string, string>;
}

/** The template families parseWarning matches against (a family is a key prefix). */
export type NoticeFamily =
  | 'warning'
  | 'error'
  | 'quarantine'
  | 'quarantine.label.why'
  | 'change'
  | 'change.label.cond'
  | 'error.label.gate'
  | 'error.label.travel';

interface Pattern {
  key: NoticeKey;
  /** The English template matched (its numbers masked for a masked pattern). */
  template: string;
  names: string[];
  regex: RegExp;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One anchored regex per warning template; a placeholder used twice must match the same text. */
function compile(key: NoticeKey, template: string): Pattern {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    source += escapeRegex(template.slice(last, match.index));
    const seen = names.indexOf(name);
    if (seen >= 0) source += `\\${seen + 1}`;
    else {
      names.push(name);
      source += '([\\s\\S]*?)';
    }
    last = (match.index ?? 0) + match[0].length;
  }
  source += escapeRegex(template.slice(last));
  return { key, template, names, regex: new RegExp(`^${source}$`) };
}

/** A template with the numbers of its literal text masked (maskNumbers), placeholders kept. */
function maskTemplate(template: string): string {
  return template
    .split(/(\{\w+\})/)
    .map((part, i) => (i % 2 === 1 ? part : maskNumbers(part)))
    .join('');
}

const patterns = new Map<string, Pattern[]>();

/**
 * The templates of one family (`warning.*`, `error.*`, `quarantine.*` ..., without their
 * `.label.` fragments); masked: with the numbers of their literal text masked.
 */
function patternsOf(family: NoticeFamily, masked: boolean): Pattern[] {
  const id = `${family}${masked ? '#' : ''}`;
  const known = patterns.get(id);
  if (known) return known;
  const en = messagesOf('en');
  const list = (Object.keys(en) as MessageKey[])
    .filter((key): key is NoticeKey => key.startsWith(`${family}.`) && !key.startsWith(`${family}.label.`))
    .map((key) => compile(key, masked ? maskTemplate(en[key]) : en[key]));
  patterns.set(id, list);
  return list;
}

/**
 * The catalogue key and placeholder values of an English plan warning: the first warning
 * template that matches it and renders back to exactly the same text (so the notice says what
 * the warning says). Null for a warning no template covers (those are shown as written).
 * `masked` matches the templates with their numbers masked (a quarantine kind's reason, whose
 * numbers maskNumbers replaced by `#`, template digits included).
 */
export function parseWarning(
  text: string,
  family: NoticeFamily = 'warning',
  masked = false,
): WarningNotice | null {
  for (const pattern of patternsOf(family, masked)) {
    const match = pattern.regex.exec(text);
    if (!match) continue;
    const params: Record<string, string> = {};
    pattern.names.forEach((name, i) => {
      params[name] = match[i + 1] ?? '';
    });
    if (fillTemplate(pattern.template, params) === text) return { key: pattern.key, params };
  }
  return null;
}

const isOutletTier = (v: string): v is (typeof OUTLET_TIERS)[number] =>
  (OUTLET_TIERS as readonly string[]).includes(v);
const isRepTier = (v: string): v is (typeof REP_TIERS)[number] =>
  (REP_TIERS as readonly string[]).includes(v);
const isWeekday = (v: string): v is (typeof WEEKDAYS)[number] => (WEEKDAYS as readonly string[]).includes(v);

/**
 * A list of sub-warnings joined by `separator` (an imbalance's causes, its isolated outlets), in
 * the report language: the items may hold the separator themselves, so pieces are joined until
 * they parse as one template (shortest first); a rest no template covers is kept as written.
 */
function localiseParts(
  value: string,
  separator: string,
  joiner: string,
  lang: Language,
  parse: (text: string) => string | null = (text) => {
    const notice = parseWarning(text);
    return notice === null ? null : renderNotice(notice, lang);
  },
): string {
  const out: string[] = [];
  let pending: string | null = null;
  for (const piece of value.split(separator)) {
    pending = pending === null ? piece : pending + separator + piece;
    const rendered = parse(pending);
    if (rendered !== null) {
      out.push(rendered);
      pending = null;
    }
  }
  if (pending !== null) out.push(pending);
  return out.join(joiner);
}

/** An unmet escort item `outlet (reason)` in the report language, null unless the reason parses. */
function escortItem(text: string, t: Translate, lang: Language): string | null {
  const match = /^(.*?) \((.*)\)$/.exec(text);
  const notice = match ? parseWarning(match[2] ?? '') : null;
  if (!match || notice === null) return null;
  return t('warning.label.escortUnmetItem', { outlet: match[1] ?? '', reason: renderNotice(notice, lang) });
}

/** A placeholder value in the report language: tier ids as the practice names them, pool labels. */
function localiseValue(name: string, value: string, t: Translate, lang: Language): string {
  if (name === 'tier' && isOutletTier(value)) return t(`common.tier.${value}`);
  if (name === 'tiers')
    return value
      .split(', ')
      .map((tier) => (isOutletTier(tier) ? t(`common.tier.${tier}`) : tier))
      .join(t('common.listSeparator'));
  if (name === 'repTier' && isRepTier(value)) return t(`common.repTier.${value}`);
  if (name === 'weekday' && isWeekday(value)) return t(`common.weekday.${value}`);
  if (name === 'parts') {
    // The unmatched business types, each a part template of its own ('"type" n -> tier (why)').
    return value
      .split(/; (?=")/)
      .map((part) => {
        const notice = parseWarning(part);
        return notice === null ? part : renderNotice(notice, lang);
      })
      .join(t('warning.label.unmatchedSeparator'));
  }
  const en = translator('en');
  if (name === 'causes')
    return localiseParts(value, en('warning.label.causeSeparator'), t('warning.label.causeSeparator'), lang);
  if (name === 'steps')
    return localiseParts(value, en('warning.label.causeSeparator'), t('common.listSeparator'), lang);
  // The review thresholds a rebuild exceeds (warning.review.*), joined as the causes are.
  if (name === 'breaches')
    return localiseParts(value, en('warning.label.causeSeparator'), t('warning.label.causeSeparator'), lang);
  // Why each supervisor day does not fit an escort (warning.escortDay.*).
  if (name === 'reasons')
    return localiseParts(value, en('warning.label.causeSeparator'), t('warning.label.causeSeparator'), lang);
  if (name === 'isolated')
    return localiseParts(value, en('warning.label.itemSeparator'), t('warning.label.itemSeparator'), lang);
  if (name === 'unmet')
    return localiseParts(
      value,
      en('warning.label.itemSeparator'),
      t('warning.label.itemSeparator'),
      lang,
      (item) => escortItem(item, t, lang),
    );
  // English ordinals ("5th-nearest", "#th" in a kind's reason): the number alone, the language's template words it.
  if (name === 'nth') return /^(\d+|#)(?:st|nd|rd|th)$/.exec(value)?.[1] ?? value;
  if (name === 'why') return localiseFamily(value, 'quarantine.label.why', lang) ?? value;
  if (name === 'kindReason') return localiseQuarantineReason(value, lang);
  // The conditions a segmentation rule matched on (change.label.cond.*), joined by ', '.
  if (name === 'because')
    return localiseParts(value, ', ', t('common.listSeparator'), lang, (part) => {
      // A condition's figures are numbers: a shorter piece that only parses with text in a
      // figure (a region-wide note holds ', ' itself) must wait for the rest of it.
      const notice = parseWarning(part, 'change.label.cond');
      const figures = ['volume', 'limit', 'percentile', 'outlets', 'fewest', 'percent'];
      const numeric = (v: string | undefined) => v === undefined || /^-?\d+(?:\.\d+)?$/.test(v);
      return notice !== null && figures.every((f) => numeric(notice.params[f]))
        ? renderNotice(notice, lang)
        : null;
    });
  if (name === 'type' && value === en('change.label.cond.emptyType')) return t('change.label.cond.emptyType');
  if (name === 'aliases') {
    const names = /^ \(or (.*)\)$/.exec(value)?.[1];
    return names === undefined ? value : t('error.label.aliases', { names });
  }
  if (name === 'found' && value === translator('en')('error.label.nothing')) return t('error.label.nothing');
  // The publish gate's problems stay as the checks wrote them; its "... n more lines" is worded.
  if (name === 'problems')
    return value
      .split('\n')
      .map((line) => localiseFamily(line, 'error.label.gate', lang) ?? line)
      .join('\n');
  if (name === 'block' || name === 'problem')
    return localiseFamily(value, 'error.label.travel', lang) ?? value;
  if (name === 'label' || name === 'prefix') {
    if (name === 'prefix') {
      const inner = /^(.*): $/.exec(value)?.[1];
      return inner === undefined
        ? value
        : t('warning.label.commutePrefix', { label: localiseValue('label', inner, t, lang) });
    }
    if (value === en('warning.label.pool')) return t('warning.label.pool');
    const pool = /^pool (.+)$/.exec(value)?.[1];
    return pool === undefined ? value : t('warning.label.poolId', { pool });
  }
  return value;
}

/**
 * A notice in a language: its template with the values localised (tiers, rep tiers, pool labels,
 * parts); in English exactly the warning it was parsed from.
 */
export function renderNotice(notice: WarningNotice, lang: Language): string {
  // English is the plan's own wording: tier ids and labels as plan.warnings has them.
  if (lang === 'en') return fillTemplate(messagesOf('en')[notice.key], notice.params);
  const t = translator(lang);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(notice.params))
    params[name] = localiseValue(name, value, t, lang);
  return fillTemplate(messagesOf(lang)[notice.key], params);
}

/**
 * A plan warning in the report language: parsed back to its template (parseWarning) and
 * rendered from the language's catalogue; English, or a warning no template covers (older
 * plans' wording, the warnings not yet in the catalogue), is returned as written.
 */
export function localiseWarning(text: string, lang: Language): string {
  if (lang === 'en') return text;
  const notice = parseWarning(text);
  return notice === null ? text : renderNotice(notice, lang);
}

/**
 * A fatal input error's message in the report language (the CLI's `error:` line): parsed back to
 * its `error.*` template and rendered from the language's catalogue; English, or a message no
 * template covers, is returned as written.
 */
export function localiseError(message: string, lang: Language): string {
  if (lang === 'en') return message;
  const notice = parseWarning(message, 'error');
  return notice === null ? message : renderNotice(notice, lang);
}

/** A text of one family in a language: parsed exactly, else with the numbers masked; null if neither. */
function localiseFamily(text: string, family: NoticeFamily, lang: Language): string | null {
  const notice = parseWarning(text, family) ?? parseWarning(text, family, true);
  return notice === null ? null : renderNotice(notice, lang);
}

/**
 * A quarantine reason in the report language (validate's tables): a row problem's reason, an
 * omission note's, or a kind's reason with its numbers masked (`#`), parsed back to its
 * `quarantine.*` template and rendered from the language's catalogue; English, or a reason no
 * template covers (older plans' wording), is returned as written.
 */
export function localiseQuarantineReason(reason: string, lang: Language): string {
  if (lang === 'en') return reason;
  return localiseFamily(reason, 'quarantine', lang) ?? reason;
}

/**
 * A change reason written as text (a tier change's segmentation reason, a moved outlet's
 * verdict: `change.*` templates) in the report language; English, or a reason no template covers
 * (older plans' wording), is returned as written.
 */
export function localiseChangeReason(reason: string, lang: Language): string {
  if (lang === 'en') return reason;
  return localiseFamily(reason, 'change', lang) ?? reason;
}
