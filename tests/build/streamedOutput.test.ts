// The PDF is written to a temporary file beside its target as it is painted, a page at a time,
// and renamed over the target only when the build has succeeded: a build that fails after
// pages were written (a --strict warning, decided after painting; a photo that cannot be read,
// found while painting) leaves nothing in the output folder — no PDF, no temporary file, no
// date folder it made.
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions } from '../../src/build/buildEdition.js';
import { ROOT } from '../cli/runCli.js';

let dir: string;
/** a copy of the sample edition of 2024-03-12 (six pages; retina.jpg is on the last) */
let edition: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-streamed-'));
  edition = join(dir, 'edition');
  await cp(join(ROOT, 'content', '2024-03-12'), edition, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file and folder below `folder`, relative, sorted. */
async function below(folder: string): Promise<string[]> {
  return ((await readdir(folder, { recursive: true })) as string[]).sort();
}

/**
 * Builds `source` into `outDir`; returns what the output folder held after each page was
 * painted, and the build's error (or undefined).
 */
async function build(source: string, outDir: string, options: Partial<BuildOptions> = {}) {
  const seen: string[][] = [];
  let error: unknown;
  try {
    await buildEdition(source, { outDir, profile: 'press', strict: false, ...options }, (progress) => {
      // read at once, while the build waits: a later read could see what the build did next
      if (progress.pages > 0) seen.push((readdirSync(outDir, { recursive: true }) as string[]).sort());
    });
  } catch (e) {
    error = e;
  }
  return { seen, error };
}

/** whether `path` exists */
const exists = (path: string) => access(path).then(() => true, () => false);

const TEMP = /^2024-03-12\/\.the-morning-ledger-2024-03-12\.pdf\.\d+\.\d+\.tmp$/;

describe('the PDF streamed to its file', () => {
  it('is written as the pages are painted, into a temporary file that becomes the PDF', async () => {
    const out = join(dir, 'ok');
    const { seen, error } = await build(edition, out);
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(6);
    // while painting: the temporary file only, never the PDF
    for (const names of seen) expect(names).toEqual(['2024-03-12', expect.stringMatching(TEMP)]);
    expect(await below(out)).toEqual(['2024-03-12', '2024-03-12/the-morning-ledger-2024-03-12.pdf']);
    // whole (the bytes equal the PDF painted in one piece: tests/build/boundedMemory.test.ts)
    const pdf = await readFile(join(out, '2024-03-12', 'the-morning-ledger-2024-03-12.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toBe('%%EOF\n');
  });

  it('a --strict warning, decided after the pages are painted: no PDF, no temporary file, no folder made', async () => {
    const source = join(dir, 'lookalike');
    await cp(edition, source, { recursive: true });
    const article = join(source, 'weather.md');
    await writeFile(article, `${await readFile(article, 'utf8')}\nRain at night！\n`);
    const out = join(dir, 'strict');
    const { seen, error } = await build(source, out, { strict: true });
    expect(String(error)).toContain('(U+FF01)');
    expect(String(error)).toContain('--strict');
    // every page was painted into the temporary file first
    expect(seen).toHaveLength(6);
    expect(seen[5]).toEqual(['2024-03-12', expect.stringMatching(TEMP)]);
    // the output folder did not exist: it is not left behind
    expect(await exists(out)).toBe(false);
    // an output folder that was there already is left there, empty
    await mkdir(join(out, '2024-03-12'), { recursive: true });
    expect((await build(source, out, { strict: true })).error).toBeDefined();
    expect(await below(out)).toEqual(['2024-03-12']);
  });

  it('a photo found unreadable while the pages are painted: no PDF, no temporary file, no folder made, an earlier PDF kept', async () => {
    const source = join(dir, 'truncated');
    await cp(edition, source, { recursive: true });
    // the header (size, for layout) reads; the picture does not
    await truncate(join(source, 'photos', 'retina.jpg'), 2_000);
    const out = join(dir, 'bad-photo');
    const { seen, error } = await build(source, out);
    expect(String(error)).toContain('retina.jpg');
    // pages before the photo's were written to the temporary file
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toEqual(['2024-03-12', expect.stringMatching(TEMP)]);
    expect(await exists(out)).toBe(false);
    // into an output folder that holds the PDF of an earlier build: that PDF is left as it was
    await mkdir(join(out, '2024-03-12'), { recursive: true });
    await writeFile(join(out, '2024-03-12', 'the-morning-ledger-2024-03-12.pdf'), 'the earlier edition');
    expect((await build(source, out)).error).toBeDefined();
    expect(await below(out)).toEqual(['2024-03-12', '2024-03-12/the-morning-ledger-2024-03-12.pdf']);
    expect(await readFile(join(out, '2024-03-12', 'the-morning-ledger-2024-03-12.pdf'), 'utf8')).toBe('the earlier edition');
  });
});
