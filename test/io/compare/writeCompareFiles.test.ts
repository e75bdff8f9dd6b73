import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../../src/io/compare/writeCompareFiles.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compare-write-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('writeFilesAtomically', () => {
  it('creates the folder, replaces existing files and leaves no temporary file', async () => {
    const dir = join(work, 'a', 'b');
    await writeFilesAtomically(dir, [{ name: 'compare.json', content: 'old' }]);
    const paths = await writeFilesAtomically(dir, [
      { name: 'compare.json', content: '{"new":true}' },
      { name: 'compare.html', content: '<html>' },
    ]);
    expect(paths).toEqual([join(dir, 'compare.json'), join(dir, 'compare.html')]);
    expect(await readFile(join(dir, 'compare.json'), 'utf8')).toBe('{"new":true}');
    expect((await readdir(dir)).sort()).toEqual(['compare.html', 'compare.json']);
  });

  it('fails naming the file when the target cannot be replaced, and cleans up', async () => {
    const dir = join(work, 'blocked');
    // A non-empty folder where the file should go: renaming the new file over it fails.
    await mkdir(join(dir, 'compare.json', 'inner'), { recursive: true });
    await writeFile(join(dir, 'keep'), 'k');
    await expect(writeFilesAtomically(dir, [{ name: 'compare.json', content: '2' }])).rejects.toThrow(
      `cannot write ${join(dir, 'compare.json')}`,
    );
    expect((await readdir(dir)).sort()).toEqual(['compare.json', 'keep']);
  });
});
