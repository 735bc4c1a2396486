// `stonehand proof`: the files it writes (names, sizes, pages chosen), the same bytes on a
// rerun, and bad input and usage refused with nothing written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAP, LABEL_BAND } from '../../src/proof/contactSheet.js';
import { filesBelow, removeAll, runCli, stackLines, tempDir, type CliResult } from './runCli.js';

const made: string[] = [];
async function fresh(): Promise<string> {
  const dir = await tempDir('stonehand-proof-');
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await removeAll(made);
});

const NAME = 'the-morning-ledger-2024-03-12';

describe('proof content/2024-03-12 --ppi 30 --pages 2,5-', () => {
  let out: string;
  let result: CliResult;
  beforeAll(async () => {
    out = await fresh();
    result = await runCli(['proof', 'content/2024-03-12', '--out', out, '--ppi', '30', '--pages', '2,5-']);
  }, 120_000);

  it('writes the chosen pages and a contact sheet of them, and lists them on stdout', async () => {
    expect(result.status, result.stderr).toBe(0);
    const names = [`${NAME}-p02.png`, `${NAME}-p05.png`, `${NAME}-p06.png`, `${NAME}-contact.png`];
    expect(await filesBelow(out)).toEqual(names.map((n) => join('2024-03-12', n)).sort());
    expect(result.stdout.trim().split('\n')).toEqual(names.map((n) => join(out, '2024-03-12', n)));
    expect(result.stderr).toContain('proof: 3 of 6 pages and a contact sheet');
  });

  it('makes grey PNGs of the trim at the resolution asked, and a contact sheet of three pages in a row', async () => {
    const page = await sharp(join(out, '2024-03-12', `${NAME}-p05.png`)).metadata();
    expect([page.format, page.width, page.height, page.channels]).toEqual(['png', 330, 510, 1]); // 11 × 17 in at 30 ppi
    const contact = await sharp(join(out, '2024-03-12', `${NAME}-contact.png`)).metadata();
    expect([contact.width, contact.height]).toEqual([GAP + 3 * (220 + GAP), GAP + 340 + LABEL_BAND + GAP]);
  });

  it('writes the same bytes when run again', async () => {
    const again = await fresh();
    const second = await runCli(['proof', 'content/2024-03-12', '--out', again, '--ppi', '30', '--pages', '2,5-']);
    expect(second.status, second.stderr).toBe(0);
    for (const file of await filesBelow(out)) {
      expect((await readFile(join(again, file))).equals(await readFile(join(out, file))), file).toBe(true);
    }
  }, 120_000);
});

describe('proof content/2022-11-15 (default resolution)', () => {
  it('proofs the page at 100 ppi and warns of the missing photo drawn as FPO', async () => {
    const out = await fresh();
    const result = await runCli(['proof', 'content/2022-11-15', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(await filesBelow(out)).toEqual(['2022-11-15/the-morning-ledger-2022-11-15-contact.png', '2022-11-15/the-morning-ledger-2022-11-15-p01.png']);
    const page = await sharp(join(out, '2022-11-15', 'the-morning-ledger-2022-11-15-p01.png')).metadata();
    expect([page.width, page.height]).toEqual([1100, 1700]);
    expect(result.stderr).toMatch(/10118290\.jpeg: warning: photo not found; an FPO placeholder frame is drawn/);
  }, 60_000);
});

describe('bad input and usage', () => {
  it.each([
    [['proof', 'content/2022-11-15', '--ppi', '0'], '--ppi must be a whole number from 10 to 600'],
    [['proof', 'content/2022-11-15', '--ppi', '72.5'], '--ppi must be a whole number'],
    [['proof', 'content/2022-11-15', '--pages', '3-1'], "'3-1' runs backwards"],
    [['proof', 'content/2022-11-15', '--pages', 'x'], "'x' is not a page or a range"],
    [['proof'], 'Not enough non-option arguments'],
  ])('%j is a usage error (exit 2), nothing written', async (args, message) => {
    const out = await fresh();
    const result = await runCli([...args, '--out', out]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await filesBelow(out)).toEqual([]);
  });

  it('a page the edition does not have: exit 1 naming the source, nothing written', async () => {
    const out = await fresh();
    const result = await runCli(['proof', 'content/2022-11-15', '--out', out, '--pages', '1-2']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain('content/2022-11-15: error: --pages: the edition has 1 page, no page 2');
    expect(stackLines(result.stderr)).toEqual([]);
    expect(await filesBelow(out)).toEqual([]);
  });

  it('a source that does not exist: exit 1 as build says it, nothing written', async () => {
    const out = await fresh();
    const [proof, build] = await Promise.all([runCli(['proof', 'content/1999-01-01', '--out', out]), runCli(['build', 'content/1999-01-01', '--out', out])]);
    expect(proof.status).toBe(1);
    expect(proof.stderr).toBe(build.stderr);
    expect(stackLines(proof.stderr)).toEqual([]);
    expect(await filesBelow(out)).toEqual([]);
  });
});
