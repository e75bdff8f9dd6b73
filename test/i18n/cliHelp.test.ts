/**
 * The CLI's `--help` in the report language (issue 13 item 3): every command, option and argument
 * description has a `help.*` catalogue key with exactly its English text; localiseHelp words the
 * help from the language's catalogue (LANG, or `--lang` given before `--help`) and leaves the
 * English help byte for byte as the commands describe themselves.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { allCommands, helpKeyOf, localiseHelp, wrapHelpText } from '../../src/cli/localiseHelp.js';
import { messagesOf, type MessageKey } from '../../src/i18n/catalog.js';
import { territory } from '../cli/runCli.js';

const helpOf = async (lang: 'en' | 'zh-CN' | null): Promise<string[]> => {
  const program = await buildProgram();
  if (lang !== null) localiseHelp(program, lang);
  return allCommands(program).map((command) => command.helpInformation());
};

describe('territory --help from the catalogue', () => {
  it('has a help.* key for every command, option and argument description', async () => {
    const missing: string[] = [];
    for (const command of allCommands(await buildProgram())) {
      const texts = [
        command.description(),
        ...command.options.map((o) => o.description ?? ''),
        ...command.registeredArguments.map((a) => a.description),
      ];
      for (const text of texts) if (text !== '' && helpKeyOf(text) === undefined) missing.push(text);
    }
    expect(missing).toEqual([]);
  });

  it('leaves the English help as it was, and words every description in Chinese', async () => {
    const plain = await helpOf(null);
    expect(await helpOf('en')).toEqual(plain);
    const zh = (await helpOf('zh-CN')).join('\n');
    const en = messagesOf('en');
    const zhMessages = messagesOf('zh-CN');
    const english = (Object.keys(en) as MessageKey[])
      .filter((key) => key.startsWith('help.') && en[key] !== zhMessages[key] && en[key].includes(' '))
      .map((key) => en[key]);
    expect(english.length).toBeGreaterThan(100);
    // Wrapped lines split a description; its first three words would survive any wrap.
    const leftover = english.filter((text) => zh.includes(text.split(' ').slice(0, 3).join(' ')));
    expect(leftover).toEqual([]);
    for (const heading of [
      'Usage:',
      'Options:',
      'Commands:',
      'display help for command',
      '(default: ',
      '[options]',
    ])
      expect(zh).not.toContain(heading);
    expect(zh).toContain('检查片区目录，列出每一个被剔除的行或被忽略的字段；不写任何文件');
  });

  it('wraps Chinese text between characters, within the width in terminal columns', () => {
    expect(wrapHelpText('片区目录片区目录 abc', 8)).toBe('片区目录\n片区目录\nabc');
    expect(wrapHelpText('one two three', 8)).toBe('one two\nthree');
  });

  it('follows LANG and --lang before --help; English stays byte-identical', async () => {
    const plain = await helpOf(null);
    const zh = await territory(['validate', '--help'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('选项：');
    expect(zh.stdout).toContain('片区目录');
    const flag = await territory(['validate', '--lang', 'zh-CN', '--help'], {
      env: { LANG: 'en_US.UTF-8', LC_ALL: '' },
    });
    expect(flag.stdout).toBe(zh.stdout);
    const en = await territory(['--help'], { env: { LANG: 'en_US.UTF-8', LC_ALL: '' } });
    expect(en.code).toBe(0);
    expect(en.stdout).toBe(plain[0]);
  });
});
