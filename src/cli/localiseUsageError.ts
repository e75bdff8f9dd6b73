import { fillTemplate, messagesOf, type MessageKey } from '../i18n/catalog.js';
import { localiseError } from '../i18n/localiseWarning.js';
import type { Language } from '../i18n/languages.js';

/**
 * commander's usage error lines (commander 14, lib/command.js) and the catalogue key that words
 * each; the captured groups fill the template's placeholders in order. An option argument's
 * reason is our own parser's message (InvalidArgumentError), shown through localiseError.
 */
const USAGE_ERRORS: ReadonlyArray<readonly [RegExp, MessageKey, readonly string[]]> = [
  [/^error: unknown option '(.+?)'$/, 'cli.usage.unknownOption', ['option']],
  [/^error: unknown command '(.+?)'$/, 'cli.usage.unknownCommand', ['command']],
  [/^error: required option '(.+?)' not specified$/, 'cli.usage.requiredOption', ['option']],
  [/^error: option '(.+?)' argument missing$/, 'cli.usage.argumentMissing', ['option']],
  [/^error: missing required argument '(.+?)'$/, 'cli.usage.missingArgument', ['argument']],
  [
    /^error: option '(.+?)' argument '(.*)' is invalid\. ?(.*)$/s,
    'cli.usage.invalidArgument',
    ['option', 'value', 'reason'],
  ],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    'cli.usage.tooManyArguments',
    ['command', 'expected', 'got'],
  ],
  [/^\(Did you mean (.+?)\?\)$/, 'cli.usage.didYouMean', ['suggestion']],
];

/** One line of commander's error output in `lang`; a line no pattern covers is kept as written. */
function usageLine(line: string, lang: Language): string {
  for (const [pattern, key, names] of USAGE_ERRORS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = match[i + 1] ?? '';
    });
    if (params.reason) params.reason = localiseError(params.reason, lang);
    return fillTemplate(messagesOf(lang)[key], params);
  }
  return line;
}

/**
 * commander's usage error output (its error line, a suggestion, then the help it shows after an
 * error) in the report language: the error lines are reworded from the catalogue, and the help
 * is replaced by `help`, the same command's help already localised (localiseHelp), when given.
 * English is returned unchanged, as commander wrote it.
 */
export function localiseUsageError(text: string, lang: Language, help: string | null): string {
  if (lang === 'en') return text;
  const usageAt = text.search(/^Usage: /m);
  const errorPart = usageAt === -1 ? text : text.slice(0, usageAt);
  const lines = errorPart.split('\n').map((line) => usageLine(line, lang));
  const helpPart = usageAt === -1 ? '' : (help ?? text.slice(usageAt));
  return `${lines.join('\n')}${helpPart}`;
}
