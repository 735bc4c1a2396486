import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/writeFileAtomic.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-atomic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temporary file', async () => {
    const path = join(dir, 'a.pdf');
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 10]);
    await writeFileAtomic(path, bytes);
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('replaces an existing file', async () => {
    const path = join(dir, 'b.pdf');
    await writeFile(path, 'old contents, longer than the new ones');
    await writeFileAtomic(path, Buffer.from('new'));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('creates missing folders', async () => {
    const path = join(dir, 'output', '2022-11-15', 'press.pdf');
    await writeFileAtomic(path, Buffer.from('pdf'));
    expect(await readFile(path, 'utf8')).toBe('pdf');
    expect(await readdir(join(dir, 'output', '2022-11-15'))).toEqual(['press.pdf']);
  });

  it('handles concurrent writes to the same target', async () => {
    const path = join(dir, 'c.pdf');
    await Promise.all(['one', 'two', 'three'].map((s) => writeFileAtomic(path, Buffer.from(s))));
    expect(['one', 'two', 'three']).toContain(await readFile(path, 'utf8'));
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('rethrows a failure and removes the temporary file', async () => {
    const folder = join(dir, 'fail');
    const target = join(folder, 'is-a-folder.pdf');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, Buffer.from('x'))).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(folder)).toEqual(['is-a-folder.pdf']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('fails when the folder cannot be created', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    await expect(writeFileAtomic(join(blocker, 'x.pdf'), Buffer.from('x'))).rejects.toThrow();
  });
});
