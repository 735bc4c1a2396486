// loadEdition reads news XML: a single .xml source, .xml articles beside .md in an edition
// folder, with the importer's unplaced lines and the reader's repairs told as warnings.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/io/loadEdition.js';
import { ContentError, type Warning } from '../../src/model/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-load-xml-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const nitf = (head: string, extra = '', date = '<docdata><date.issue norm="20240209T180500Z"/></docdata>') =>
  `<?xml version="1.0"?>\n<nitf><head>${date}</head><body><body.head><hedline><hl1>${head}</hl1></hedline></body.head>\n<body.content><p>Body words for ${head}.</p>${extra}</body.content></body></nitf>\n`;

describe('loadEdition and news XML', () => {
  it('builds an edition around a single .xml with its date; unplaced lines become warnings', async () => {
    const file = join(dir, 'flood.xml');
    await writeFile(file, nitf('Flood', '\n<media media-type="video"><media-reference source="clip.mp4"/></media>'));
    const warnings: Warning[] = [];
    const edition = await loadEdition(file, { onWarning: (w) => warnings.push(w) });
    expect(edition.date).toBe('2024-02-09');
    expect(edition.articles.map((a) => [a.slug, a.headline])).toEqual([['flood', 'Flood']]);
    expect(warnings).toEqual([{ code: 'line-not-placed', file, line: 4, message: 'could not be placed (video media; only photos are set): clip.mp4' }]);
  });

  it('reads .xml articles beside .md ones in an edition folder, in file order', async () => {
    await writeFile(join(dir, 'edition.yaml'), 'paper: P\ndate: 2024-02-09\nformat: tabloid\n');
    await writeFile(join(dir, 'b-brief.md'), '---\nheadline: Brief\n---\n\nBrief words.\n');
    await writeFile(join(dir, 'a-lead.xml'), nitf('Lead', '', ''));
    await writeFile(join(dir, 'c-item.nitf'), nitf('Item'));
    const edition = await loadEdition(dir);
    expect(edition.articles.map((a) => a.slug)).toEqual(['a-lead', 'b-brief', 'c-item']);
  });

  it('a single .xml without a date, or without body text, is one ContentError', async () => {
    await writeFile(join(dir, 'undated.xml'), nitf('Undated', '', ''));
    await expect(loadEdition(join(dir, 'undated.xml'))).rejects.toThrow(/date is required/);
    await writeFile(join(dir, 'empty.xml'), '<nitf><body><body.head><hedline><hl1>Only a head</hl1></hedline></body.head></body></nitf>');
    await expect(loadEdition(join(dir, 'empty.xml'))).rejects.toBeInstanceOf(ContentError);
    await expect(loadEdition(join(dir, 'empty.xml'))).rejects.toThrow(/no body text/);
  });
});
