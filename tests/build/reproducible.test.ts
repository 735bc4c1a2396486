// Reproducible output: the same source built twice (into two folders, at two moments, in two
// time zones) gives byte-identical PDFs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_NAME, WIRE, removeAll, runCli, tempDir } from '../cli/runCli.js';
import { openPdf } from '../helpers/pdf.js';
import { editionWithPhoto } from '../render/photoFixture.js';

const made: string[] = [];
afterAll(async () => {
  await removeAll(made);
});

async function fresh(prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}

/** Builds `source` into a fresh folder and returns the PDF's bytes. */
async function buildOnce(source: string, args: string[] = [], env: Record<string, string> = {}): Promise<Buffer> {
  const out = await fresh('stonehand-repro-');
  const result = await runCli(['build', source, '--out', out, ...args], { env });
  if (result.status !== 0) throw new Error(`build ${source} failed (${result.status}):\n${result.stderr}`);
  const file = result.stdout.trim();
  expect(file.startsWith(out)).toBe(true);
  return readFile(file);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function expectReproducible(source: string, args: string[] = []) {
  const [first, second] = await Promise.all([
    buildOnce(source, args, { TZ: 'UTC' }),
    buildOnce(source, args, { TZ: 'Pacific/Kiritimati' }), // UTC+14: another calendar day
  ]);
  expect(first.length).toBeGreaterThan(1000);
  expect(sha256(second)).toBe(sha256(first));
  expect(second.equals(first)).toBe(true);
  return first;
}

describe('reproducible builds', () => {
  it('the seed edition (photo missing) gives the same bytes twice', async () => {
    const pdf = await expectReproducible('content/2022-11-15');
    // dated by the edition, not by the clock
    const doc = await openPdf(pdf);
    try {
      const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
      expect(String(info.CreationDate)).toMatch(/^D:20221115/);
      expect(String(info.ModDate)).toMatch(/^D:20221115/);
    } finally {
      await doc.destroy();
    }
  });

  it('the seed edition with its photo gives the same bytes twice', async () => {
    const edition = await editionWithPhoto(await fresh('stonehand-repro-photo-'));
    await expectReproducible(edition);
  });

  it('the seed edition with its photo gives the same bytes from two folders', async () => {
    // a photo is found by its absolute path; the PDF (its ID too) must not depend on it
    const [a, b] = await Promise.all([fresh('stonehand-repro-here-'), fresh('stonehand-repro-there-')]);
    const [first, second] = await Promise.all([buildOnce(await editionWithPhoto(a)), buildOnce(await editionWithPhoto(b))]);
    expect(first.length).toBeGreaterThan(1000);
    expect(second.equals(first)).toBe(true);
  });

  it('the office profile gives the same bytes twice', async () => {
    await expectReproducible('content/2022-11-15', ['--profile', 'office']);
  });

  it('the archive profile (PDF/A, tagged, XMP) gives the same bytes twice, with a photo', async () => {
    const edition = await editionWithPhoto(await fresh('stonehand-repro-archive-'));
    const pdf = await expectReproducible(edition, ['--profile', 'archive']);
    expect(pdf.toString('latin1')).toContain('<xmp:CreateDate>2022-11-15T00:00:00Z</xmp:CreateDate>');
  });

  it('raw wire copy gives the same bytes twice', async () => {
    await expectReproducible(WIRE);
  });

  it('the output file is named after the paper and the date', async () => {
    const out = await fresh('stonehand-repro-name-');
    const result = await runCli(['build', 'content/2022-11-15', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(join(out, '2022-11-15', PDF_NAME));
  });
});
