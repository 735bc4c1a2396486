// NITF 3.x and NewsML-G2 news items → Article, with what was recognised; malformed and hostile
// XML → one ContentError at file:line:col.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import { articleToMarkdown } from '../../src/import/articleToMarkdown.js';
import { importSource } from '../../src/import/importSource.js';
import { parseNewsXml } from '../../src/import/parseNewsXml.js';
import { ContentError } from '../../src/model/errors.js';
import type { Block } from '../../src/model/article.js';
import { errorOf } from '../helpers/contentError.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/news/${name}`, import.meta.url), 'utf8');
const text = (b: Block) => (b.kind === 'subhead' ? `## ${b.text}` : `${b.kind === 'listItem' ? `${b.marker} ` : b.kind === 'quote' ? '> ' : ''}${b.spans.map((s) => s.text).join('')}`);
const fields = (r: ReturnType<typeof parseNewsXml>) => r.recognised.map((x) => `${x.field}@${x.line}`);

describe('NITF', () => {
  const result = parseNewsXml(fixture('ap-nitf.xml'), 'wire/ap-nitf.xml');
  const { article } = result;

  it('reads the head: hl1, hl2, bylines with their title, distributor, dateline, date', () => {
    expect(article).toMatchObject({
      slug: 'ap-nitf',
      headline: 'Flood waters recede along the Cedar River',
      deck: 'Residents return to mud-caked homes as crews reopen the bridges',
      bylines: ['Maria Alvarez', "Tom O'Neill"],
      source: 'The Associated Press',
      dateline: 'CEDAR RAPIDS, Iowa',
      date: '2024-02-09',
      // <nitf baselang="en-US">
      lang: 'en-US',
    });
    expect(result.recognised).toContainEqual({ field: 'byline title', line: 19, value: 'Associated Press Writers' });
    expect(fields(result)).toEqual(expect.arrayContaining(['headline@15', 'deck@16', 'byline@18', 'dateline@21', 'date@21', 'photo@29']));
  });

  it('reads the photo from media: file, caption, producer as credit', () => {
    expect(article.photo).toEqual({
      file: 'photos/cedar-river.jpg',
      caption: 'A volunteer carries sandbags away from a house on Ellis Boulevard.',
      credit: 'AP Photo/Charlie Neibergall',
    });
  });

  it('reads body.content in order: p, hl2 subheads, block, ul, bq, tagline; the repeated dateline run-in goes', () => {
    expect(article.body.map(text)).toEqual([
      'The Cedar River fell below flood stage on Friday for the first time in nine days, and residents began hauling ruined carpets to the curb.',
      'City crews reopened two of the four bridges\u00a0downtown by noon.', // the &nbsp; is kept: it does not break
      '## Cleanup begins',
      'Volunteers handed out bleach, gloves and bottled water at the library.',
      'What residents should do now:',
      '• Boil tap water until Monday.',
      '• Photograph damage before cleaning.',
      '> We have done this before, and we will do it again.',
      "> — Mayor Tiffany O'Donnell",
      'The river crested at 22.1 feet on Feb. 1.',
      'Associated Press writer Ryan Foley contributed from Iowa City.',
    ]);
    const first = article.body[0];
    expect(first.kind === 'paragraph' && first.spans.find((s) => s.italic)?.text).toBe('ruined');
    expect(result.unplaced).toEqual([]);
  });

  it('round-trips through Markdown', () => {
    const again = parseArticleMarkdown(articleToMarkdown(article), 'wire/ap-nitf.md');
    expect({ ...again, sourcePath: 'x' }).toEqual({ ...article, sourcePath: 'x' });
  });
});

describe('NewsML-G2', () => {
  it('reads a newsItem with an XHTML body: meta headline, summary as deck, creators, located, zoned date', () => {
    const r = parseNewsXml(fixture('newsml-xhtml.xml'), 'newsml-xhtml.xml');
    expect(r.article).toMatchObject({
      headline: 'Harbour ferries resume after typhoon',
      deck: 'Operators restore timetables as the port clears debris',
      bylines: ['Kenji Sato', 'Emma Clarke'],
      dateline: 'YOKOHAMA',
      source: 'Reuters',
      // contentCreated 2024-02-10T00:30:00+09:00: the calendar date in its zone
      date: '2024-02-10',
      lang: 'en-GB',
      photo: { file: 'photos/ferry.jpg', caption: 'A ferry leaves Pier 2 on Saturday.', credit: 'REUTERS/Kim Kyung-Hoon' },
    });
    expect(r.article.body.map(text)).toEqual([
      'Ferries returned to Yokohama harbour on Saturday, two days after the typhoon closed the port.',
      'The first sailing left at 6.30 a.m. with forty passengers.',
      '## Debris in the channel',
      'Divers cleared three sunken skiffs from the channel overnight.',
      '1. Pier 3 reopens on Sunday.',
      '2. Pier 5 stays closed.',
      '> It was the worst storm in a decade.',
    ]);
    expect(r.recognised).toContainEqual({ field: 'body format', line: 23, value: 'XHTML' });
  });

  it('reads a newsMessage whose item carries a NITF body; meta fields win, NITF fills the deck', () => {
    const r = parseNewsXml(fixture('newsml-nitf.xml'), 'newsml-nitf.xml');
    expect(r.article).toMatchObject({
      headline: 'Council passes leaner budget',
      deck: 'Libraries keep their hours',
      bylines: ['Anna Lindqvist'],
      dateline: 'STOCKHOLM',
      source: 'Ledger Wire',
      date: '2024-02-09',
    });
    expect(r.article.body.map(text)).toEqual([
      'The city council approved a budget on Friday that trims road repairs but keeps every library open.',
      '## Schools',
      'School meals will cost the same as last year.',
    ]);
    expect(r.unplaced).toEqual([]);
  });

  it('importSource picks the XML reader by extension or by content', () => {
    expect(importSource(fixture('ap-nitf.xml'), 'story.txt').article.headline).toBe('Flood waters recede along the Cedar River');
    expect(importSource(fixture('newsml-nitf.xml'), 'story.xml').article.headline).toBe('Council passes leaner budget');
  });
});

describe('bad and hostile XML', () => {
  it('malformed XML is a ContentError at file:line:col', () => {
    const e = errorOf(() => parseNewsXml('<nitf>\n  <body>\n    <p>open</body>\n</nitf>\n', 'bad.xml'));
    expect(e.file).toMatch(/^bad\.xml:3:\d+$/);
    expect(e.problem).toMatch(/not well-formed XML/);
  });

  it('never reads an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head></body></nitf>';
    const e = errorOf(() => parseNewsXml(xxe, 'xxe.xml'));
    expect(e.file).toMatch(/^xxe\.xml:3:\d+$/);
    expect(e.problem).toMatch(/undefined entity/);
    expect(e.message).not.toMatch(/root:/);
  });

  it('never expands an entity bomb (billion laughs)', () => {
    const decl = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE nitf [\n${decl}\n]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>`;
    const e = errorOf(() => parseNewsXml(bomb, 'bomb.xml'));
    expect(e.problem).toMatch(/undefined entity/);
  });

  it('reads HTML named entities newsroom XML uses undeclared', () => {
    const r = parseNewsXml('<nitf><body><body.head><hedline><hl1>Caf&eacute; &amp; bar &mdash; open</hl1></hedline></body.head><body.content><p>Text&nbsp;here.</p></body.content></body></nitf>', 'e.xml');
    expect(r.article.headline).toBe('Café & bar — open');
  });

  it('refuses XML that is neither NITF nor NewsML-G2, a NITF without headline, and nesting past the limit', () => {
    expect(errorOf(() => parseNewsXml('<rss><channel/></rss>', 'feed.xml')).problem).toMatch(/neither NITF nor NewsML-G2.*<rss>/);
    expect(errorOf(() => parseNewsXml('<packageItem/>', 'pkg.xml')).problem).toMatch(/NewsML-G2 packageItem, which carries no article text/);
    expect(errorOf(() => parseNewsXml('<nitf><body><body.content><p>Only text.</p></body.content></body></nitf>', 'x.xml')).problem).toMatch(/no headline/);
    const deep = `<nitf>${'<block>'.repeat(300)}${'</block>'.repeat(300)}</nitf>`;
    expect(errorOf(() => parseNewsXml(deep, 'deep.xml')).problem).toMatch(/nested more than 200 deep/);
  });

  it('a second photo and non-photo media are reported, not dropped silently', () => {
    const xml = `<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><p>Body words.</p>
      <media media-type="image"><media-reference source="a.jpg"/><media-caption>First.</media-caption></media>
      <media media-type="image"><media-reference source="b.jpg"/><media-caption>Second caption.</media-caption></media>
      <media media-type="video"><media-reference source="c.mp4"/><media-caption>A clip.</media-caption></media>
      </body.content></body></nitf>`;
    const r = parseNewsXml(xml, 'm.xml');
    expect(r.article.photo).toEqual({ file: 'a.jpg', caption: 'First.' });
    expect(r.unplaced.map((u) => [u.line, u.reason])).toEqual([
      [3, 'a second photo; an article carries one photo'],
      [4, 'video media; only photos are set'],
    ]);
    expect(r.unplaced[0].text).toMatch(/Second caption/);
  });
});

describe('loose XHTML and NITF bodies', () => {
  it('text and inline elements straight in a block run on as one paragraph; a repeated h1 headline is left out, reported', () => {
    const xml = `<newsItem><contentMeta><headline>Same head</headline></contentMeta><contentSet><inlineXML><html><body>
      <h1>Same head</h1>
      Loose text with <em>emphasis</em> and <a href="x">a link</a> runs on.
      <div>Inside a div <b>bold</b> too.<p>Then a paragraph.</p></div>
    </body></html></inlineXML></contentSet></newsItem>`;
    const r = parseNewsXml(xml, 'loose.xml');
    expect(r.article.body.map(text)).toEqual(['Loose text with emphasis and a link runs on.', 'Inside a div bold too.', 'Then a paragraph.']);
    expect(r.recognised).toContainEqual({ field: 'headline repeated in the body (left out)', line: 2, value: 'Same head' });
  });
});

describe('photo references', () => {
  it.each([
    ['photos/a.jpg', 'photos/a.jpg'],
    ['a.jpg', 'a.jpg'],
    ['https://cdn.example.com/pix/Flood%20Day.jpg?w=800#x', 'photos/Flood Day.jpg'],
    ['http://x/bad%zz.jpg', 'photos/bad%zz.jpg'],
    ['/var/pix/b.jpg', 'photos/b.jpg'],
    ['../../etc/c.jpg', 'photos/c.jpg'],
    ['C:\\pix\\d.jpg', 'photos/d.jpg'],
  ])('%s → %s', (source, file) => {
    const xml = `<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><p>Words.</p><media media-type="image"><media-reference source="${source}"/></media></body.content></body></nitf>`;
    expect(parseNewsXml(xml, 'p.xml').article.photo).toEqual({ file });
  });
});
