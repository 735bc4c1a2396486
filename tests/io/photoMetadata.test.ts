// A photo's embedded IPTC / XMP words fill the caption and credit an article leaves empty.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPhotoText, parseIptc, parseXmp, readPhotoText } from '../../src/io/photoMetadata.js';
import type { Article, Edition } from '../../src/model/article.js';
import { app13, iimDataset, photoWithText, xmpPacket } from '../helpers/photoMetadata.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-photo-meta-'));
  await mkdir(join(dir, 'photos'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parsers', () => {
  it('parseIptc reads 2:120, 2:110, 2:80 (several), 2:116 from an APP13 payload and from bare IIM', () => {
    const iim = Buffer.concat([
      iimDataset(1, 90, '\u001b%G'),
      iimDataset(2, 120, 'Crews clear the Müller bridge'),
      iimDataset(2, 110, 'Reuters'),
      iimDataset(2, 80, 'Jane Roe'),
      iimDataset(2, 80, 'Li Wei'),
      iimDataset(2, 116, '© 2024 Reuters'),
    ]);
    const expected = { caption: 'Crews clear the Müller bridge', credit: 'Reuters', creator: 'Jane Roe, Li Wei', copyright: '© 2024 Reuters' };
    // sharp's metadata().iptc: the APP13 payload after its 4-byte marker and length
    expect(parseIptc(app13(iim).subarray(4))).toEqual(expected);
    expect(parseIptc(iim)).toEqual(expected);
    // Latin-1 text (no 1:90), and truncated data gives what came before it
    expect(parseIptc(Buffer.concat([Buffer.from([0x1c, 2, 120, 0, 4]), Buffer.from('Café', 'latin1')]))).toEqual({ caption: 'Café' });
    expect(parseIptc(Buffer.concat([iimDataset(2, 110, 'AP'), Buffer.from([0x1c, 2, 120, 0x10, 0x00, 0x41])]))).toEqual({ credit: 'AP' });
    expect(parseIptc(Buffer.from('no iptc here'))).toEqual({});
  });

  it('parseXmp reads dc:description (x-default), photoshop:Credit (attribute or element), dc:creator, dc:rights', () => {
    expect(parseXmp(xmpPacket({ caption: 'A ferry leaves <Pier 2>', credit: 'AP Photo', creator: ['Kim Lee', 'Ann Roe'], copyright: '2024 AP' }))).toEqual({
      caption: 'A ferry leaves <Pier 2>',
      credit: 'AP Photo',
      creator: 'Kim Lee, Ann Roe',
      copyright: '2024 AP',
    });
    const element = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="r"><rdf:Description xmlns:photoshop="p"><photoshop:Credit>EPA</photoshop:Credit></rdf:Description></rdf:RDF></x:xmpmeta>';
    expect(parseXmp(element)).toEqual({ credit: 'EPA' });
    expect(parseXmp('<not xml')).toEqual({});
  });
});

describe('readPhotoText and fillPhotoText on real JPEGs', () => {
  const article = (slug: string, photo: Article['photo']): Article => ({ slug, sourcePath: join(dir, `${slug}.md`), headline: slug, bylines: [], lang: 'en', body: [], photo });
  const edition = (articles: Article[]): Edition => ({ paper: 'P', date: '2024-02-09', format: 'tabloid', articles, sourcePath: dir });

  it('reads XMP written by sharp and IPTC spliced into the JPEG; XMP wins where both have a field', async () => {
    await writeFile(join(dir, 'photos', 'both.jpg'), await photoWithText(60, 40, { xmp: { caption: 'XMP caption' }, iptc: { caption: 'IPTC caption', credit: 'IPTC credit' } }));
    expect(await readPhotoText(join(dir, 'photos', 'both.jpg'))).toEqual({ caption: 'XMP caption', credit: 'IPTC credit' });
    expect(await readPhotoText(join(dir, 'photos', 'missing.jpg'))).toEqual({});
  });

  it('fills only what the article leaves empty; credit from the credit, else the creator; each fill noted', async () => {
    await writeFile(join(dir, 'photos', 'iptc.jpg'), await photoWithText(60, 40, { iptc: { caption: 'Volunteers fill sandbags on Ellis Boulevard.', creator: ['Charlie Neibergall'] } }));
    await writeFile(join(dir, 'photos', 'xmp.jpg'), await photoWithText(60, 40, { xmp: { caption: 'Photo words', credit: 'AP Photo/Kim Lee', creator: ['Kim Lee'] } }));
    const ed = edition([
      article('empty', { file: 'photos/iptc.jpg' }),
      article('own-caption', { file: 'photos/xmp.jpg', caption: 'The article’s own caption.' }),
      article('own-both', { file: 'photos/xmp.jpg', caption: 'Ours.', credit: 'Our credit' }),
      article('no-photo-file', { file: 'photos/none.jpg' }),
    ]);
    const notes = await fillPhotoText(ed);
    expect(ed.articles.map((a) => a.photo)).toEqual([
      { file: 'photos/iptc.jpg', caption: 'Volunteers fill sandbags on Ellis Boulevard.', credit: 'Charlie Neibergall' },
      { file: 'photos/xmp.jpg', caption: 'The article’s own caption.', credit: 'AP Photo/Kim Lee' },
      { file: 'photos/xmp.jpg', caption: 'Ours.', credit: 'Our credit' },
      { file: 'photos/none.jpg' },
    ]);
    expect(notes.map((n) => [n.file.slice(dir.length + 1), n.message])).toEqual([
      ['empty.md', 'photo caption taken from photos/iptc.jpg\'s own metadata: "Volunteers fill sandbags on Ellis Boulevard."'],
      ['empty.md', 'photo credit taken from photos/iptc.jpg\'s own metadata (creator): "Charlie Neibergall"'],
      ['own-caption.md', 'photo credit taken from photos/xmp.jpg\'s own metadata (credit): "AP Photo/Kim Lee"'],
    ]);
  });
});
