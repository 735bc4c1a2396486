// The command line on hostile input and output paths, end to end: one message (file, problem,
// place), exit 1, nothing written, promptly; control characters shown escaped, never sent to
// the terminal raw; two stories of one day built into one folder keep two PDFs.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeControls, terminalJson } from '../../src/cli/escapeControls.js';
import { filesBelow, removeAll, runCli, stackLines, tempDir } from './runCli.js';

const made: string[] = [];
async function fresh(prefix = 'stonehand-hostile-'): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await removeAll(made);
});

const BODY = 'The council met on Tuesday and voted on the budget for the coming year. '.repeat(12);
const story = (headline: string, extra = '') => `---\nheadline: ${headline}\ndate: 2024-01-02\n${extra}---\n\n${BODY}\n`;

/** Control characters anywhere in stderr or stdout, other than the line ends. */
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('escapeControls', () => {
  it('shows C0, C1, DEL and bidi controls as escapes and leaves other text alone', () => {
    expect(escapeControls('a\u001b[31mred\u0007 \u0000 \r\n\t \u007f \u009b \u202egnp.exe')).toBe('a\\x1b[31mred\\x07 \\x00 \\x0d\\x0a\\x09 \\x7f \\x9b \\u202egnp.exe');
    expect(escapeControls('Zoë — “quoted” 東京 \u00a0')).toBe('Zoë — “quoted” 東京 \u00a0');
  });

  it('leaves no raw control character in JSON for the terminal, and the JSON reads back the same', () => {
    const value = { file: 'a\u009b31m\u001b[0m\u202e.md', words: ['Zoë', '東京'] };
    const json = terminalJson(value);
    expect(json).not.toMatch(RAW_CONTROLS);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('build: one message, exit 1, nothing written', () => {
  it('a YAML alias in front matter names file:line:col', async () => {
    const dir = await fresh();
    const out = join(dir, 'out');
    await writeFile(join(dir, 'alias.md'), story('Alias', 'deck: *Exclusive*\n'));
    const result = await runCli(['build', join(dir, 'alias.md'), '--out', out]);
    expect(result.status).toBe(1);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${join(dir, 'alias.md')}:4:7: error: front matter is not valid YAML (line 4): *Exclusive* is an alias`);
    expect(existsSync(out)).toBe(false);
  });

  it('--out that is an existing file, before any work', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'a.md'), story('A story'));
    await writeFile(join(dir, 'taken'), 'a file');
    const result = await runCli(['build', join(dir, 'a.md'), '--out', join(dir, 'taken')]);
    expect(result.status).toBe(1);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(result.stderr.trim()).toBe(`${join(dir, 'taken')}: error: cannot be the output folder: it is a file, not a folder`);
  });

  it.runIf(process.platform === 'linux')('--out under /proc, promptly (it used to loop forever)', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'a.md'), story('A story'));
    const result = await runCli(['build', join(dir, 'a.md'), '--out', '/proc/stonehand-out'], { timeoutMs: 30_000 });
    expect(result.status).toBe(1);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(result.stderr).toMatch(/^\/proc\/stonehand-out\/2024-01-02: error: cannot be the output folder: \/proc\/stonehand-out cannot be made \(ENOENT/);
  });

  it('control characters from the input are escaped in the message', async () => {
    const dir = await fresh();
    const name = join(dir, 'evil\u001b[2J\u202e.md');
    const result = await runCli(['build', name, '--out', join(dir, 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(RAW_CONTROLS);
    expect(result.stderr).toContain('evil\\x1b[2J\\u202e.md: error: not found');
  });
});

describe('build: warnings escaped, every story kept', () => {
  it('a story the page plan leaves out is a warning, an error with --strict', async () => {
    const dir = await fresh();
    const edition = join(dir, '2024-01-02');
    await mkdir(edition);
    await writeFile(join(edition, 'edition.yaml'), 'paper: The Test Paper\ndate: 2024-01-02\nformat: tabloid\npages: [[a]]\n');
    await writeFile(join(edition, 'a.md'), story('Planned story'));
    await writeFile(join(edition, 'b\u001b[31m.md'), story('Unplanned story'));
    const plain = await runCli(['build', edition, '--out', join(dir, 'out')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain(`${join(edition, 'b\\x1b[31m.md')}: warning: is not in the page plan of edition.yaml: placed after the planned pages`);
    expect(plain.stderr).not.toMatch(RAW_CONTROLS);
    const strict = await runCli(['build', edition, '--out', join(dir, 'strict'), '--strict']);
    expect(strict.status).toBe(1);
    expect(await filesBelow(join(dir, 'strict'))).toEqual([]);
  });

  it('two stories of one day built into one folder keep two PDFs, named by their slugs', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'council.md'), story('Council story'));
    await writeFile(join(dir, 'harbour.md'), story('Harbour story'));
    const out = join(dir, 'out');
    for (const name of ['council.md', 'harbour.md']) {
      const result = await runCli(['build', join(dir, name), '--out', out]);
      expect(result.status, result.stderr).toBe(0);
    }
    expect(await filesBelow(out)).toEqual([
      join('2024-01-02', '.stonehand-sources.json'),
      join('2024-01-02', 'the-morning-ledger-2024-01-02-council.pdf'),
      join('2024-01-02', 'the-morning-ledger-2024-01-02-harbour.pdf'),
    ]);
  });

  it('a different story of the same file name and day is refused, not written over the first; the first rebuilds', async () => {
    const dir = await fresh();
    await mkdir(join(dir, 'desk-a'));
    await mkdir(join(dir, 'desk-b'));
    await writeFile(join(dir, 'desk-a', 'story.md'), story('Council story'));
    await writeFile(join(dir, 'desk-b', 'story.md'), story('Harbour story'));
    const out = join(dir, 'out');
    const pdf = join(out, '2024-01-02', 'the-morning-ledger-2024-01-02-story.pdf');
    expect((await runCli(['build', join(dir, 'desk-a', 'story.md'), '--out', out])).status).toBe(0);
    const first = await readFile(pdf);
    const refused = await runCli(['build', join(dir, 'desk-b', 'story.md'), '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${pdf}: error: was built from ../../desk-a/story.md, a different source than ../../desk-b/story.md`);
    expect(stackLines(refused.stderr)).toEqual([]);
    expect(await readFile(pdf)).toEqual(first);
    expect((await filesBelow(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // the same source again overwrites its own PDF, as always
    expect((await runCli(['build', join(dir, 'desk-a', 'story.md'), '--out', out])).status).toBe(0);
    // sources and output moved together keep their identities
    await rename(dir, `${dir}-moved`);
    made.push(`${dir}-moved`);
    expect((await runCli(['build', join(`${dir}-moved`, 'desk-a', 'story.md'), '--out', join(`${dir}-moved`, 'out')])).status).toBe(0);
    expect((await runCli(['build', join(`${dir}-moved`, 'desk-b', 'story.md'), '--out', join(`${dir}-moved`, 'out')])).status).toBe(1);
  });
});
