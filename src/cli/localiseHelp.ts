import { Help, type Command, type Option } from 'commander';
import { messagesOf, type MessageKey } from '../i18n/catalog.js';
import type { Language } from '../i18n/languages.js';
import { displayWidth } from './format/displayWidth.js';

/** commander's help headings, by the catalogue key that words them. */
const HEADINGS: ReadonlyArray<readonly [heading: string, key: MessageKey]> = [
  ['Usage:', 'help.label.usage'],
  ['Options:', 'help.label.options'],
  ['Commands:', 'help.label.commands'],
  ['Arguments:', 'help.label.arguments'],
  ['Global Options:', 'help.label.globalOptions'],
];

/** Every `help.*` key by its English text (the first key of a text shared by several options). */
function helpKeysByText(): Map<string, MessageKey> {
  const en = messagesOf('en');
  const byText = new Map<string, MessageKey>();
  for (const key of Object.keys(en) as MessageKey[])
    if (key.startsWith('help.') && !byText.has(en[key])) byText.set(en[key], key);
  return byText;
}

/** The program and every sub-command under it, depth first. */
export function allCommands(program: Command): Command[] {
  return [program, ...program.commands.flatMap((command) => allCommands(command))];
}

/**
 * The catalogue key of a command, option or argument description: the `help.*` key whose English
 * text is exactly the description; undefined when no key has it (the catalogue test lists every
 * description of the program, so a new option without a key turns it red).
 */
export function helpKeyOf(description: string): MessageKey | undefined {
  return helpKeysByText().get(description);
}

/** A chunk of help text to wrap at: one CJK character, or a run of other text, with the spaces before it. */
const WRAP_CHUNK =
  /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+)/gu;

/**
 * commander's boxWrap for text without spaces between words: lines may break before any CJK
 * character as well as at spaces, filled greedily to `width` terminal columns.
 */
export function wrapHelpText(text: string, width: number): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      let used = 0;
      for (const chunk of line.match(WRAP_CHUNK) ?? []) {
        const columns = displayWidth(chunk);
        if (current === '' || used + columns <= width) {
          current += chunk;
          used += columns;
          continue;
        }
        lines.push(current);
        current = chunk.trimStart();
        used = displayWidth(current);
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * Words the program's `--help` in a language: every command, option and argument description
 * whose English text has a `help.*` key is replaced by that key's text, commander's headings,
 * help option, help command, `[options]` / `[command]` in the usage and `(default: ...)` note by
 * `help.label.*`, and columns are measured
 * in terminal columns (a Chinese character takes two). English leaves the program untouched, so
 * the English help is what the commands' own descriptions say, byte for byte.
 */
export function localiseHelp(program: Command, lang: Language): void {
  if (lang === 'en') return;
  const messages = messagesOf(lang);
  const byText = helpKeysByText();
  const word = (text: string): string => {
    const key = byText.get(text);
    return key === undefined ? text : messages[key];
  };
  const headings = new Map(HEADINGS.map(([heading, key]) => [heading, messages[key]]));
  const defaultLabel = messages['help.label.default'];
  for (const command of allCommands(program)) {
    command.description(word(command.description()));
    for (const option of command.options) option.description = word(option.description ?? '');
    for (const argument of command.registeredArguments) argument.description = word(argument.description);
    command.helpOption('-h, --help', messages['help.label.help']);
    if (command.commands.length > 0) command.helpCommand('help [command]', messages['help.label.help']);
    command.configureHelp({
      styleTitle: (title: string) => headings.get(title) ?? title,
      displayWidth: (text: string) => displayWidth(text),
      boxWrap(this: Help, text: string, width: number) {
        return width < this.minWidthToWrap ? text : wrapHelpText(text, width);
      },
      commandUsage(this: Help, cmd: Command) {
        return Help.prototype.commandUsage
          .call(this, cmd)
          .replace('[options]', messages['help.label.optionsToken'])
          .replace('[command]', messages['help.label.commandToken']);
      },
      subcommandTerm(this: Help, cmd: Command) {
        return Help.prototype.subcommandTerm
          .call(this, cmd)
          .replace('[options]', messages['help.label.optionsToken'])
          .replace('[command]', messages['help.label.commandToken']);
      },
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription.call(this, option).replace('(default: ', `(${defaultLabel}`);
      },
    });
  }
}
