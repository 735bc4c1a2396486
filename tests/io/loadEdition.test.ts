import { mkdtemp, mkdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { loadEdition } from '../../src/io/loadEdition.js';
import type { Warning } from '../../src/model/errors.js';
import { rejectionOf } from '../helpers/contentError.js';

const SEED = new URL('../../content/2022-11-15/wire/000_2300611e7060d6c5.txt', import.meta.url);
const CONTENT = fileURLToPath(new URL('../../content/2022-11-15', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function article(headline: string, extra = '', body = 'Some body text.'): string {
  return `---\nheadline: ${headline}\n${extra}---\n\n${body}\n`;
}


describe('loadEdition: an edition folder', () => {
  it('reads edition.yaml and the top-level articles, ordered by priority then file name', async () => {
    await writeFile(join(dir, 'edition.yaml'), 'paper: The Evening Post\ndate: 2023-03-01\nformat: berliner\nedition: City Edition\npages: [[lead], [b-story, a-story]]\n');
    await writeFile(join(dir, 'a-story.md'), article('A story'));
    await writeFile(join(dir, 'b-story.md'), article('B story'));
    await writeFile(join(dir, 'lead.md'), article('Lead', 'priority: 1\nphoto:\n  file: photos/lead.jpg\n'));
    await writeFile(join(dir, 'notes.txt'), 'not an article');
    await mkdir(join(dir, 'wire'));
    await writeFile(join(dir, 'wire', 'raw.md'), 'not read at all');
    const edition = await loadEdition(dir);
    expect(edition.paper).toBe('The Evening Post');
    expect(edition.date).toBe('2023-03-01');
    expect(edition.format).toBe('berliner');
    expect(edition.editionLine).toBe('City Edition');
    expect(edition.pages).toEqual([['lead'], ['b-story', 'a-story']]);
    expect(edition.sourcePath).toBe(dir);
    expect(edition.articles.map((a) => a.slug)).toEqual(['lead', 'a-story', 'b-story']);
    expect(edition.articles.map((a) => a.sourcePath)).toEqual([join(dir, 'lead.md'), join(dir, 'a-story.md'), join(dir, 'b-story.md')]);
    expect(edition.articles[0].photo).toEqual({ file: 'photos/lead.jpg' });
  });

  it('loads the real 2022-11-15 edition', async () => {
    const edition = await loadEdition(CONTENT);
    expect(edition).toMatchObject({ paper: 'The Morning Ledger', date: '2022-11-15', format: 'tabloid', editionLine: 'Late Edition' });
    expect(edition.articles).toHaveLength(1);
    const [a] = edition.articles;
    expect(a.slug).toBe('japan-us-alliance');
    expect(a.headline).toBe('Japan, US agree to strengthen alliance');
    expect(a.bylines).toEqual(['Takayuki Nakagawa', 'Kazuhiko Makita']);
    expect(a.source).toBe('The Yomiuri Shimbun');
    expect(a.dateline).toBe('BALI');
    expect(a.date).toBe('2022-11-15');
    expect(a.photo).toEqual({
      file: 'photos/10118290.jpeg',
      caption:
        'Japanese Prime Minister Fumio Kishida, left, and U.S. President Joe Biden greet each other before their talks at a hotel in Phnom Penh on Sunday.',
      credit: 'Courtesy of the Cabinet Public Affairs Office',
    });
    expect(a.body).toHaveLength(8);
    const first = a.body[0];
    expect(first.kind === 'paragraph' && first.spans[0].text.startsWith('Prime Minister Fumio Kishida')).toBe(true);
  });

  it('refuses a folder without edition.yaml, or without articles', async () => {
    await writeFile(join(dir, 'a.md'), article('A'));
    let e = await rejectionOf(loadEdition(dir));
    expect(e.file).toBe(dir);
    expect(e.problem).toMatch(/no edition\.yaml/);

    await rm(join(dir, 'a.md'));
    await writeFile(join(dir, 'edition.yaml'), 'paper: P\ndate: 2023-03-01\nformat: tabloid\n');
    e = await rejectionOf(loadEdition(dir));
    expect(e.file).toBe(dir);
    expect(e.problem).toMatch(/no articles/);
  });

  it('refuses a page plan naming a missing slug, naming edition.yaml and the slug', async () => {
    await writeFile(join(dir, 'edition.yaml'), 'paper: P\ndate: 2023-03-01\nformat: tabloid\npages: [[a, ghost]]\n');
    await writeFile(join(dir, 'a.md'), article('A'));
    const e = await rejectionOf(loadEdition(dir));
    expect(e.file).toBe(join(dir, 'edition.yaml'));
    expect(e.problem).toMatch(/"ghost"/);
  });

  it('passes on article errors naming the article file', async () => {
    await writeFile(join(dir, 'edition.yaml'), 'paper: P\ndate: 2023-03-01\nformat: tabloid\n');
    await writeFile(join(dir, 'bad.md'), article('B', 'priority: soon\n'));
    const e = await rejectionOf(loadEdition(dir));
    expect(e.file).toBe(join(dir, 'bad.md'));
    expect(e.problem).toMatch(/priority must be a number/);
  });

  it('refuses photo paths that escape the article folder', async () => {
    await writeFile(join(dir, 'edition.yaml'), 'paper: P\ndate: 2023-03-01\nformat: tabloid\n');
    for (const path of ['../secret.jpg', 'photos/../../x.jpg', '/etc/passwd', 'C:\\photos\\x.jpg', '..\\x.jpg', 'https://example.com/x.jpg', '.']) {
      await writeFile(join(dir, 'a.md'), article('A', `photo:\n  file: ${JSON.stringify(path)}\n`));
      const e = await rejectionOf(loadEdition(dir));
      expect(e.file).toBe(join(dir, 'a.md'));
      expect(e.problem).toContain(`photo path "${path}"`);
    }
    await writeFile(join(dir, 'a.md'), article('A', 'photo:\n  file: photos/../photos/ok.jpg\n'));
    expect((await loadEdition(dir)).articles[0].photo?.file).toBe('photos/../photos/ok.jpg');
  });
});

describe('loadEdition: a single source file', () => {
  it('synthesises an edition around an article .md', async () => {
    const file = join(dir, 'solo.md');
    await writeFile(file, article('Solo', 'date: 2023-05-06\n'));
    const edition = await loadEdition(file);
    expect(edition.paper).toBe('The Morning Ledger');
    expect(edition.date).toBe('2023-05-06');
    expect(edition.format).toBe('tabloid');
    expect(edition.sourcePath).toBe(file);
    expect(edition.editionLine).toBeUndefined();
    expect(edition.articles.map((a) => [a.slug, a.headline])).toEqual([['solo', 'Solo']]);
    expect((await loadEdition(file, { defaultPaper: 'The Daily Planet' })).paper).toBe('The Daily Planet');
  });

  it('requires a date for a single article', async () => {
    const file = join(dir, 'undated.md');
    await writeFile(file, article('Undated'));
    const e = await rejectionOf(loadEdition(file));
    expect(e.file).toBe(file);
    expect(e.problem).toMatch(/date is required/);
  });

  it('imports raw wire copy .txt', async () => {
    const file = join(dir, 'seed.txt');
    await copyFile(SEED, file);
    const warnings: Warning[] = [];
    const edition = await loadEdition(file, { onWarning: (w) => warnings.push(w) });
    expect(edition.date).toBe('2022-11-15');
    expect(edition.paper).toBe('The Morning Ledger');
    expect(edition.format).toBe('tabloid');
    const [a] = edition.articles;
    expect(a.slug).toBe('seed');
    expect(a.sourcePath).toBe(file);
    expect(a.headline).toBe('Japan, US agree to strengthen alliance');
    expect(a.dateline).toBe('BALI');
    expect(a.photo?.file).toBe('photos/10118290.jpeg');
    expect(a.body).toHaveLength(8);
    expect(warnings).toEqual([]);
  });

  it('handles CRLF wire copy and warns about unplaced lines', async () => {
    const file = join(dir, 'crlf.txt');
    await writeFile(file, 'Headline\r\n\r\nJane Doe\r\n\r\nJohn Smith\r\n\r\nMarch 1, 2023\r\n\r\nLONDON — Something happened in the city, police said.\r\n');
    const warnings: Warning[] = [];
    const edition = await loadEdition(file, { onWarning: (w) => warnings.push(w) });
    expect(edition.date).toBe('2023-03-01');
    expect(edition.articles[0].bylines).toEqual(['Jane Doe']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe(file);
    expect(warnings[0]).toMatchObject({ code: 'line-not-placed', line: 5 });
    expect(warnings[0].message).toMatch(/^could not be placed .*John Smith$/);
  });

  it('refuses other extensions, missing paths and empty files', async () => {
    const pdf = join(dir, 'x.pdf');
    await writeFile(pdf, '%PDF');
    let e = await rejectionOf(loadEdition(pdf));
    expect(e.file).toBe(pdf);
    expect(e.problem).toMatch(/"\.pdf" files are not read/);

    e = await rejectionOf(loadEdition(join(dir, 'nope.md')));
    expect(e.problem).toBe('not found');

    const empty = join(dir, 'empty.md');
    await writeFile(empty, '');
    e = await rejectionOf(loadEdition(empty));
    expect(e.file).toBe(empty);
    expect(e.problem).toBe('is empty');
  });
});
