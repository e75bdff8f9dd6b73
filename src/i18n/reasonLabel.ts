import { messagesOf, type MessageKey } from './catalog.js';
import type { Language } from './languages.js';

/**
 * A change reason of plan.json (`new`, `rebalanced`, `frequency-changed` ...) as the report
 * language words it; in English, and for a reason the catalogue does not list (tier changes carry
 * free text), the id as plan.json has it.
 */
export function reasonLabel(reason: string, lang: Language): string {
  if (lang === 'en') return reason;
  const key = `common.reason.${reason}`;
  const messages = messagesOf(lang) as Readonly<Record<string, string>>;
  return Object.hasOwn(messages, key) ? (messages[key as MessageKey] ?? reason) : reason;
}
