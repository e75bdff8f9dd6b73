import { OUTLET_TIERS, REP_TIERS } from '../domain/types.js';
import { fillTemplate, messagesOf, translator, type MessageKey, type Translate } from './catalog.js';
import type { Language } from './languages.js';
import type { WarningKey } from './warningText.js';

/** A plan warning as a catalogue key and the values of its placeholders. */
export interface WarningNotice {
  key: WarningKey;
  params: Record<string, string>;
}

interface Pattern {
  key: WarningKey;
  names: string[];
  regex: RegExp;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One anchored regex per warning template; a placeholder used twice must match the same text. */
function compile(key: WarningKey, template: string): Pattern {
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
  return { key, names, regex: new RegExp(`^${source}$`) };
}

let patterns: Pattern[] | null = null;

function warningPatterns(): Pattern[] {
  if (patterns) return patterns;
  const en = messagesOf('en');
  patterns = (Object.keys(en) as MessageKey[])
    .filter((key): key is WarningKey => key.startsWith('warning.') && !key.startsWith('warning.label.'))
    .map((key) => compile(key, en[key]));
  return patterns;
}

/**
 * The catalogue key and placeholder values of an English plan warning: the first warning
 * template that matches it and renders back to exactly the same text (so the notice says what
 * the warning says). Null for a warning no template covers (those are shown as written).
 */
export function parseWarning(text: string): WarningNotice | null {
  const en = messagesOf('en');
  for (const pattern of warningPatterns()) {
    const match = pattern.regex.exec(text);
    if (!match) continue;
    const params: Record<string, string> = {};
    pattern.names.forEach((name, i) => {
      params[name] = match[i + 1] ?? '';
    });
    if (fillTemplate(en[pattern.key], params) === text) return { key: pattern.key, params };
  }
  return null;
}

const isOutletTier = (v: string): v is (typeof OUTLET_TIERS)[number] =>
  (OUTLET_TIERS as readonly string[]).includes(v);
const isRepTier = (v: string): v is (typeof REP_TIERS)[number] =>
  (REP_TIERS as readonly string[]).includes(v);

/** A placeholder value in the report language: tier ids as the practice names them, pool labels. */
function localiseValue(name: string, value: string, t: Translate, lang: Language): string {
  if (name === 'tier' && isOutletTier(value)) return t(`common.tier.${value}`);
  if (name === 'tiers')
    return value
      .split(', ')
      .map((tier) => (isOutletTier(tier) ? t(`common.tier.${tier}`) : tier))
      .join(t('common.listSeparator'));
  if (name === 'repTier' && isRepTier(value)) return t(`common.repTier.${value}`);
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
  if (name === 'label' || name === 'prefix') {
    const en = translator('en');
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
