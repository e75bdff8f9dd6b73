import type { Language } from './languages.js';
import { EN_MESSAGES } from './messages.en.js';
import { ZH_CN_MESSAGES } from './messages.zh-CN.js';

/** Every user-facing string of the reports and CLI tables, by key (the English catalogue is the list). */
export type MessageKey = keyof typeof EN_MESSAGES;

/** The `{name}` placeholders of a message template, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs: one per placeholder of its English template (none: no argument). */
export type MessageParams<K extends MessageKey> = [Placeholders<(typeof EN_MESSAGES)[K]>] extends [never]
  ? []
  : [Record<Placeholders<(typeof EN_MESSAGES)[K]>, string | number>];

/** The keys whose message has no placeholder (a fixed label). */
export type PlainKey = { [K in MessageKey]: MessageParams<K> extends [] ? K : never }[MessageKey];

/** A catalogue: a template for every key. */
export type Messages = Readonly<Record<MessageKey, string>>;

const CATALOGUES: Readonly<Record<Language, Messages>> = { en: EN_MESSAGES, 'zh-CN': ZH_CN_MESSAGES };

/** The catalogue of one language. */
export function messagesOf(lang: Language): Messages {
  return CATALOGUES[lang];
}

/** Templates split at their placeholders (literal, name, literal, ...): the catalogues' are few. */
const splitTemplates = new Map<string, readonly string[]>();

/**
 * Fills `{name}` placeholders of a template; a name without a value stays as written. The
 * template is split once and cached (the domain fills a few per outlet at 500,000 outlets).
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    out += (Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`) + (parts[i + 1] ?? '');
  }
  return out;
}

/** Translates keys of one language; the parameters are checked against the English template. */
export type Translate = <K extends MessageKey>(key: K, ...params: MessageParams<K>) => string;

/** A translate function of one language. */
export function translator(lang: Language): Translate {
  const messages = messagesOf(lang);
  return (key, ...params) => fillTemplate(messages[key], params[0] ?? {});
}

/** The messages whose key starts with one of the prefixes (what one report page embeds). */
export function messagesWithPrefix(lang: Language, prefixes: readonly string[]): Record<string, string> {
  const messages = messagesOf(lang);
  const out: Record<string, string> = {};
  for (const key of Object.keys(messages) as MessageKey[])
    if (prefixes.some((p) => key.startsWith(p))) out[key] = messages[key];
  return out;
}
