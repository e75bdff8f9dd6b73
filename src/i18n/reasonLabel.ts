import { messagesOf, type MessageKey } from './catalog.js';
import type { Language } from './languages.js';
import { localiseChangeReason } from './localiseWarning.js';

/**
 * A change reason of plan.json (`new`, `rebalanced`, `frequency-changed` ...) as the report
 * language words it; a reason written as text (a tier change's segmentation reason, a moved
 * outlet's verdict) from its `change.*` template (localiseChangeReason); in English, and for a
 * reason no key or template covers, as plan.json has it.
 */
export function reasonLabel(reason: string, lang: Language): string {
  if (lang === 'en') return reason;
  const key = `common.reason.${reason}`;
  const messages = messagesOf(lang) as Readonly<Record<string, string>>;
  return Object.hasOwn(messages, key)
    ? (messages[key as MessageKey] ?? reason)
    : localiseChangeReason(reason, lang);
}
