import { fillTemplate, messagesOf, type MessageKey, type MessageParams } from './catalog.js';

/** The catalogue keys of plan warnings. */
export type WarningKey = Extract<MessageKey, `warning.${string}`>;

/**
 * A plan warning in English, rendered from its catalogue template: what `plan.warnings` holds
 * (the JSON contract is English). The pages and the CLI parse it back against the same template
 * to show it in the report language (localiseWarning.ts), so the text a site writes and the
 * template the translation is keyed on cannot drift apart. Pure.
 */
export function warningText<K extends WarningKey>(key: K, ...params: MessageParams<K>): string {
  return fillTemplate(messagesOf('en')[key], params[0] ?? {});
}

/** The catalogue keys of the CLI's fatal input error lines. */
export type ErrorKey = Extract<MessageKey, `error.${string}`>;

/**
 * A fatal input error's message in English, rendered from its catalogue template (the `--json`
 * error object and the logs keep it); the CLI's error line shows it in the report language
 * (localiseError). Pure.
 */
export function errorText<K extends ErrorKey>(key: K, ...params: MessageParams<K>): string {
  return fillTemplate(messagesOf('en')[key], params[0] ?? {});
}

/** The `pool` / `pool X` label some warnings start with, rendered as warningText does. */
export function poolLabel(poolId: string | undefined): string {
  return poolId === undefined
    ? warningText('warning.label.pool')
    : warningText('warning.label.poolId', { pool: poolId });
}

/** The catalogue keys of quarantine reasons (the row problems of a region load). */
export type QuarantineKey = Extract<MessageKey, `quarantine.${string}`>;

/**
 * A quarantine reason in English, rendered from its catalogue template: what plan.json,
 * quarantine.csv and `validate --json` hold (the JSON contract is English); `territory validate`
 * shows it in the report language (localiseQuarantineReason). Pure.
 */
export function quarantineText<K extends QuarantineKey>(key: K, ...params: MessageParams<K>): string {
  return fillTemplate(messagesOf('en')[key], params[0] ?? {});
}

/** The catalogue keys of change reasons written as text (tier and position changes). */
export type ChangeKey = Extract<MessageKey, `change.${string}`>;

/**
 * A change reason in English, rendered from its catalogue template: what plan.json holds (a
 * tier change's segmentation reason, a moved outlet's verdict); map.html shows it in the report
 * language (reasonLabel). Pure.
 */
export function changeText<K extends ChangeKey>(key: K, ...params: MessageParams<K>): string {
  return fillTemplate(messagesOf('en')[key], params[0] ?? {});
}
