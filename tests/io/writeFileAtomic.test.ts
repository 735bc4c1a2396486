import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAtomicFile, syncTree, writeFileAtomic } from '../../src/io/writeFileAtomic.js';

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

describe('writes flushed together (the archive)', () => {
  it('a file opened not durable is still written whole, under its name, with no temporary file left', async () => {
    const folder = join(dir, 'lazy');
    const file = await openAtomicFile(join(folder, 'p.pdf'), { durable: false });
    await file.write(Buffer.from('%PDF-'));
    expect(await readdir(folder)).toEqual([expect.stringMatching(/^\.p\.pdf\.\d+\.\d+\.tmp$/)]);
    await file.write(Buffer.from('1.4'));
    await file.commit();
    expect(await readdir(folder)).toEqual(['p.pdf']);
    expect(await readFile(join(folder, 'p.pdf'), 'utf8')).toBe('%PDF-1.4');
  });

  it('syncTree flushes a tree of folders and files, a read-only copy among them, and changes nothing in it', async () => {
    const root = join(dir, 'tree');
    await mkdir(join(root, 'alto', 'deep'), { recursive: true });
    await writeFile(join(root, 'a.pdf'), 'a');
    await writeFile(join(root, 'alto', 'p1.xml'), '<alto/>');
    await writeFile(join(root, 'alto', 'deep', 'r.txt'), 'read-only');
    await chmod(join(root, 'alto', 'deep', 'r.txt'), 0o444);
    await syncTree(root);
    expect((await readdir(root, { recursive: true })).sort()).toEqual(['a.pdf', 'alto', 'alto/deep', 'alto/deep/r.txt', 'alto/p1.xml']);
    expect(await readFile(join(root, 'alto', 'deep', 'r.txt'), 'utf8')).toBe('read-only');
    await expect(syncTree(join(root, 'gone'))).rejects.toThrow(/ENOENT/);
  });
});
