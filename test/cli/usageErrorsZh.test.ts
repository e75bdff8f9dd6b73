/**
 * commander's usage errors (unknown option or command, missing option or argument, an invalid
 * option value) and the help after them in the report language (issue 13 item 3), through the
 * CLI's main(); English stays exactly as commander writes it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

async function stderrOf(args: string[], lang: string): Promise<{ code: number; text: string }> {
  vi.stubEnv('LANG', lang);
  let text = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'territory', ...args]);
    return { code, text };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.unstubAllEnvs());

describe('usage errors in zh-CN', () => {
  it('word commander’s error lines and show the command’s help in Chinese', async () => {
    const missing = await stderrOf(['plan'], 'zh_CN.UTF-8');
    expect(missing.code).toBe(2);
    expect(missing.text).toContain("错误：缺少必需的选项 '--region <dir>'");
    expect(missing.text).toContain('用法： territory plan [选项]');
    expect(missing.text).not.toMatch(/\berror\b|Usage:|Options:/);

    const invalid = await stderrOf(['plan', '--region', 'x', '--threads', '0'], 'zh_CN.UTF-8');
    expect(invalid.text).toContain(
      "错误：选项 '--threads <n>' 的参数 '0' 无效。应为 1 到 64 之间的整数，实际为 \"0\"",
    );

    const unknown = await stderrOf(['plna'], 'zh_CN.UTF-8');
    expect(unknown.text).toContain("错误：未知命令 'plna'");
    expect(unknown.text).toContain('（是否想输入 plan？）');
  });

  it('leave the English output as commander writes it', async () => {
    const missing = await stderrOf(['plan'], 'en_US.UTF-8');
    expect(missing.text.split('\n')[0]).toBe("error: required option '--region <dir>' not specified");
    expect(missing.text).toContain('Usage: territory plan [options]');
    const invalid = await stderrOf(['plan', '--region', 'x', '--threads', '0'], 'en_US.UTF-8');
    expect(invalid.text.split('\n')[0]).toBe(
      "error: option '--threads <n>' argument '0' is invalid. must be a whole number from 1 to 64, got \"0\"",
    );
  });
});
