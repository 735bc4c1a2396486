// The command line on newsroom formats: `import` of NITF / NewsML-G2, `build` of an edition
// folder holding a NITF article beside a Windows-1252 Markdown one, a photo whose own XMP
// caption fills the empty one — with every repair and fill reported.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdftotext } from '../helpers/poppler.js';
import { photoWithText } from '../helpers/photoMetadata.js';
import { ROOT, removeAll, runCli, tempDir } from './runCli.js';

const NEWS = resolve(ROOT, 'tests', 'fixtures', 'news');
const made: string[] = [];
afterAll(async () => {
  await removeAll(made);
});

describe('import of news XML', () => {
  it('turns NITF into Markdown and prints what it recognised', async () => {
    const r = await runCli(['import', join(NEWS, 'ap-nitf.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^---\nheadline: Flood waters recede along the Cedar River\ndeck: Residents return/);
    expect(r.stdout).toContain('## Cleanup begins');
    expect(r.stderr).toMatch(/format: NITF 3\.4 \(line 3\)/);
    expect(r.stderr).toMatch(/Could not place: nothing/);
  });

  it('turns a NewsML-G2 item into Markdown; malformed XML is one message with file:line:col, exit 1', async () => {
    const r = await runCli(['import', join(NEWS, 'newsml-xhtml.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('headline: Harbour ferries resume after typhoon');
    const dir = await tempDir('stonehand-xml-');
    made.push(dir);
    await writeFile(join(dir, 'bad.xml'), '<?xml version="1.0"?>\n<nitf>\n<body><p>unclosed</body>\n</nitf>\n');
    const bad = await runCli(['import', join(dir, 'bad.xml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^${join(dir, 'bad.xml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: is not well-formed XML`));
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('build of an edition with news XML, cp1252 copy and a photo carrying its caption', () => {
  it('sets every article, fills the caption from the photo, reports each repair', async () => {
    const dir = await tempDir('stonehand-newsroom-');
    made.push(dir);
    const edition = join(dir, 'edition');
    await mkdir(join(edition, 'photos'), { recursive: true });
    await writeFile(join(edition, 'edition.yaml'), 'paper: The Valley Ledger\ndate: 2024-02-09\nformat: tabloid\n');
    // the NITF names its photo without a caption; the photo carries one
    const nitf = (await readFile(join(NEWS, 'ap-nitf.xml'), 'utf8'))
      .replace(/<media-caption>[^<]*<\/media-caption>/, '')
      .replace(/<media-producer>[^<]*<\/media-producer>/, '');
    await writeFile(join(edition, 'flood.xml'), nitf);
    await writeFile(
      join(edition, 'photos', 'cedar-river.jpg'),
      await photoWithText(1600, 1100, { xmp: { caption: 'Sandbags stacked beside Ellis Boulevard at dawn.', creator: ['Charlie Neibergall'] } }),
    );
    // a Windows-1252 article with a stray control character, Hugo keys and one unknown key
    const md = '---\ntitle: Caf\u00e9 reopens on Main Street\nauthor: Ann Lee\ntags: [food]\nmood: sunny\n---\n\nThe caf\u00e9\u0007 reopened on Tuesday \u2014 with \u201cnew\u201d pastries and the old owners back behind the counter.\n';
    await writeFile(join(edition, 'cafe.md'), Buffer.from([...md].map((c) => ({ '\u2014': 0x97, '\u201c': 0x93, '\u201d': 0x94 })[c] ?? c.charCodeAt(0))));
    const out = join(dir, 'out');
    const r = await runCli(['build', edition, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    type Located = { code: string; message: string; location: { file: string; line: number | null; column: number | null } };
    const report = JSON.parse(r.stdout) as { files: string[]; notes: Located[]; warnings: Located[] };
    const flood = join(edition, 'flood.xml');
    expect(report.notes).toEqual([
      // what the importer left out on purpose: the body's repeat of the dateline
      { code: 'left-out', message: 'left out (dateline run-in (repeats the dateline)): CEDAR RAPIDS, Iowa (AP)', location: { file: flood, line: 24, column: null } },
      { code: 'caption-from-photo', message: 'photo caption taken from photos/cedar-river.jpg\'s own metadata: "Sandbags stacked beside Ellis Boulevard at dawn."', location: { file: flood, line: null, column: null } },
      { code: 'credit-from-photo', message: 'photo credit taken from photos/cedar-river.jpg\'s own metadata (creator): "Charlie Neibergall"', location: { file: flood, line: null, column: null } },
    ]);
    const cafeWarnings = report.warnings.filter((w) => w.location.file === join(edition, 'cafe.md'));
    expect(cafeWarnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/read as Windows-1252/),
      expect.stringMatching(/^1 stray control character removed \(U\+0007\)/),
      expect.stringMatching(/unknown key "mood" ignored/),
    ]);
    expect(cafeWarnings.map((w) => w.code)).toEqual(['read-as-windows-1252', 'control-characters-removed', 'front-matter-key-unknown']);
    // the stray BEL stands in line 8, after "The café"
    expect(cafeWarnings[1].location).toEqual({ file: join(edition, 'cafe.md'), line: 8, column: 9 });
    const text = pdftotext(await readFile(report.files[0])).replace(/\s+/g, ' ');
    for (const words of ['Flood waters recede along the Cedar River', 'Sandbags stacked beside Ellis Boulevard at dawn.', 'reopened on Tuesday', 'Cleanup begins', 'Photograph damage before cleaning.']) {
      expect(text).toContain(words);
    }
    // the credit line is set in capitals
    expect(text).toContain('CHARLIE NEIBERGALL');
    expect(text).toMatch(/Caf[eé]\s*reopens/);
    // --strict: a repaired text is a warning, so the build refuses and writes nothing more
    const strict = await runCli(['build', edition, '--out', join(dir, 'strict'), '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/Windows-1252.*--strict/);
  }, 120_000);
});
