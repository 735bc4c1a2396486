// `stonehand archive` end to end on small generated editions: the files of each edition, the
// manifest, METS references that resolve, skip and rebuild, --jobs byte-identical to --jobs 1,
// shards from the environment, --verify, and an edition that fails without stopping the others.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/archive/manifest.js';
import { shardOf } from '../../src/archive/shard.js';
import { randomStories, seededRandom, syntheticArticle } from '../../src/bench/syntheticEdition.js';
import { articleToMarkdown } from '../../src/import/articleToMarkdown.js';
import { descendantsNamed, parseXml } from '../../src/import/xmlTree.js';
import { ROOT, runCli } from '../cli/runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'archive-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const content = join(tmp, 'content');
const DATES = ['2024-01-02', '2024-01-03', '2024-02-29'];
// no shard variables of the machine running the tests leak into the runs
const NO_SHARD = { AWS_BATCH_JOB_ARRAY_INDEX: '', CI_NODE_INDEX: '', CIRCLE_NODE_INDEX: '', JOB_COMPLETION_INDEX: '' };

/** A small edition: three or four stories, about a page, no photos. */
function writeEdition(date: string, seed: number) {
  const dir = join(content, date);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'edition.yaml'), `paper: The Test Ledger\ndate: ${date}\nformat: letter\n`);
  const random = seededRandom(seed);
  randomStories(3, random).forEach((spec, i) => {
    const article = syntheticArticle(`story-${i + 1}`, { words: Math.min(spec.words, 260) }, random, i + 1);
    writeFileSync(join(dir, `story-${i + 1}.md`), articleToMarkdown({ ...article, date }));
  });
}

/** Every file under `dir`: relative path → SHA-256. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join('/'), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}
const mtimes = (dir: string) => new Map([...tree(dir).keys()].map((p) => [p, statSync(join(dir, p)).mtimeMs]));
const archive = (args: string[], env: Record<string, string> = {}) => runCli(['archive', ...args], { env: { ...NO_SHARD, ...env }, timeoutMs: 120_000 });
const readManifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

const one = join(tmp, 'one');
beforeAll(async () => {
  DATES.forEach((d, i) => writeEdition(d, 11 + i));
  const r = await archive([content, '--out', one, '--jobs', '1']);
  expect(r.stderr).toContain('built 2024-01-02');
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('stonehand archive', () => {
  it('writes each edition into yyyy/mm/dd with both PDFs, ALTO per page, METS and its sources, all in the manifest', () => {
    const files = tree(one);
    const manifest = readManifest(join(one, 'manifest.json'));
    expect(manifest.schema).toBe('stonehand-archive-manifest/1');
    expect(manifest.stonehand.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(manifest.editions.map((e) => e.date)).toEqual(DATES);
    const listed = manifest.editions.flatMap((e) => e.files);
    // every file on disk but the manifest is listed with its hash and size, and nothing else is
    expect(new Set(listed.map((f) => f.path))).toEqual(new Set([...files.keys()].filter((p) => p !== 'manifest.json')));
    for (const f of listed) {
      expect(files.get(f.path), f.path).toBe(f.sha256);
      expect(statSync(join(one, f.path)).size).toBe(f.size);
    }
    for (const e of manifest.editions) {
      const [y, m, d] = e.date.split('-');
      const base = `${y}/${m}/${d}/the-test-ledger-${e.date}`;
      for (const p of [`${base}.pdf`, `${base}-archive.pdf`, `${base}-mets.xml`, `${y}/${m}/${d}/source/edition.yaml`, `${y}/${m}/${d}/source/story-1.md`]) expect(files.has(p), p).toBe(true);
      const altos = [...files.keys()].filter((p) => p.startsWith(`${y}/${m}/${d}/alto/`));
      expect(altos.length).toBe(e.pages);
      expect(e.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('writes ALTO valid against the schema and METS whose references all resolve', () => {
    const manifest = readManifest(join(one, 'manifest.json'));
    const altos = manifest.editions.flatMap((e) => e.files.filter((f) => f.path.includes('/alto/')).map((f) => join(one, f.path)));
    execFileSync('xmllint', ['--noout', '--schema', join(ROOT, 'schemas', 'alto-4-4.xsd'), ...altos], { stdio: ['ignore', 'pipe', 'pipe'] });
    // every text block says its language (the edition's; en when edition.yaml names none)
    for (const alto of altos) {
      const xml = readFileSync(alto, 'utf8');
      expect(xml.match(/<TextBlock /g)?.length ?? 0).toBeGreaterThan(0);
      expect(xml.match(/<TextBlock [^>]*LANG="en"/g)?.length).toBe(xml.match(/<TextBlock /g)?.length);
    }
    for (const e of manifest.editions) {
      const metsPath = join(one, e.files.find((f) => f.path.endsWith('-mets.xml'))!.path);
      const mets = parseXml(readFileSync(metsPath, 'utf8'), metsPath);
      const fileIds = new Map(descendantsNamed(mets, 'file').map((f) => [f.attrs.ID, descendantsNamed(f, 'FLocat')[0].attrs.href]));
      for (const href of fileIds.values()) expect(existsSync(join(dirname(metsPath), href)), href).toBe(true);
      // the physical map: each page's ALTO and its page of the archive PDF, in order
      const physical = descendantsNamed(mets, 'structMap').find((s) => s.attrs.TYPE === 'PHYSICAL')!;
      const pages = descendantsNamed(physical, 'div').filter((d) => d.attrs.TYPE === 'np:page');
      expect(pages.map((p) => p.attrs.ORDER)).toEqual(Array.from({ length: e.pages }, (_, i) => String(i + 1)));
      // the logical map: every area's file is in the fileSec and its BEGIN is a block of that ALTO file
      const logical = descendantsNamed(mets, 'structMap').find((s) => s.attrs.TYPE === 'LOGICAL')!;
      const articles = descendantsNamed(logical, 'div').filter((d) => d.attrs.TYPE === 'article');
      expect(articles.length).toBe(3);
      for (const area of descendantsNamed(logical, 'area')) {
        const href = fileIds.get(area.attrs.FILEID);
        expect(href, area.attrs.FILEID).toBeDefined();
        const alto = readFileSync(join(dirname(metsPath), href!), 'utf8');
        expect(alto).toContain(`ID="${area.attrs.BEGIN}"`);
      }
      for (const area of descendantsNamed(physical, 'area')) expect(fileIds.has(area.attrs.FILEID)).toBe(true);
      for (const fptr of descendantsNamed(physical, 'fptr')) if (fptr.attrs.FILEID) expect(fileIds.has(fptr.attrs.FILEID)).toBe(true);
    }
  });

  it('skips unchanged editions without touching a byte, and rebuilds only a changed one', async () => {
    const before = tree(one);
    const times = mtimes(one);
    const again = await archive([content, '--out', one, '--jobs', '1']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 built (0 pages), 3 skipped, 0 failed');
    expect(tree(one)).toEqual(before);
    expect(mtimes(one)).toEqual(times);

    const changed = join(tmp, 'changed');
    execFileSync('cp', ['-a', one, changed]);
    const content2 = join(tmp, 'content2');
    execFileSync('cp', ['-a', content, content2]);
    appendFileSync(join(content2, DATES[1], 'story-2.md'), '\nOne more sentence for the archive.\n');
    const third = await archive([content2, '--out', changed, '--jobs', '1']);
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain('1 built');
    expect(third.stdout).toContain('2 skipped');
    const after = tree(changed);
    for (const [path, hash] of before) {
      if (path.startsWith('2024/01/03/') || path === 'manifest.json') continue;
      expect(after.get(path), path).toBe(hash);
    }
    expect(after.get('2024/01/03/source/story-2.md')).not.toBe(before.get('2024/01/03/source/story-2.md'));
  }, 120_000);

  it('gives with --jobs 2 the same bytes as with --jobs 1', async () => {
    const two = join(tmp, 'two');
    const r = await archive([content, '--out', two, '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(tree(two)).toEqual(tree(one));
  }, 120_000);

  it('builds shards given by the batch engine (GitLab, 1-based) into manifest parts that verify together', async () => {
    const sharded = join(tmp, 'sharded');
    for (const index of ['1', '2']) {
      const r = await archive([content, '--out', sharded, '--jobs', '1'], { CI_NODE_INDEX: index, CI_NODE_TOTAL: '2' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`shard ${index} of 2`);
      const part = readManifest(join(sharded, `manifest.part-${index}-of-2.json`));
      expect(part.shard).toEqual({ index: Number(index), count: 2 });
      expect(part.editions.map((e) => e.date)).toEqual(DATES.filter((d) => shardOf(d, 2) === Number(index)));
    }
    expect(existsSync(join(sharded, 'manifest.json'))).toBe(false);
    // the same files as one run, and --verify reads both parts
    const whole = tree(one);
    const parts = tree(sharded);
    for (const [path, hash] of whole) if (path !== 'manifest.json') expect(parts.get(path), path).toBe(hash);
    const v = await archive(['--out', sharded, '--verify']);
    expect(v.stdout).toContain('manifest.part-1-of-2.json, manifest.part-2-of-2.json: all match');
    expect(v.status).toBe(0);
    // a Kubernetes Indexed Job's index with --shards; the same shard as --shard 2/2
    const k8s = join(tmp, 'k8s');
    const r = await archive([content, '--out', k8s, '--jobs', '1', '--shards', '2'], { JOB_COMPLETION_INDEX: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(readManifest(join(k8s, 'manifest.part-2-of-2.json')).editions.map((e) => e.date)).toEqual(DATES.filter((d) => shardOf(d, 2) === 2));
  }, 120_000);

  it('--verify names each changed, missing and unexpected file and exits 1', async () => {
    const tampered = join(tmp, 'tampered');
    execFileSync('cp', ['-a', one, tampered]);
    const ok = await archive(['--out', tampered, '--verify']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('all match');
    const pdf = '2024/01/02/the-test-ledger-2024-01-02-archive.pdf';
    const bytes = readFileSync(join(tampered, pdf));
    bytes[bytes.length >> 1] ^= 1; // one bit, same size
    writeFileSync(join(tampered, pdf), bytes);
    unlinkSync(join(tampered, '2024/02/29/source/story-3.md'));
    writeFileSync(join(tampered, '2024/01/03/notes.txt'), 'not ours');
    const bad = await archive(['--out', tampered, '--verify']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`changed: ${pdf}`);
    expect(bad.stdout).toContain('missing: 2024/02/29/source/story-3.md');
    expect(bad.stdout).toContain('unexpected: 2024/01/03/notes.txt');
    expect(bad.stdout).toContain('1 changed, 1 missing, 1 unexpected');
  }, 60_000);

  it('refuses a bad shard as bad usage (exit 2), and a Kubernetes index without --shards', async () => {
    for (const [args, env, said] of [
      [['--shard', '3/2'], {}, 'K/N'],
      [['--shard', 'two'], {}, 'K/N'],
      [['--shards', '4'], {}, 'JOB_COMPLETION_INDEX is not set'],
      [[], { JOB_COMPLETION_INDEX: '0' }, '--shards N'],
      [[], { CIRCLE_NODE_INDEX: '5', CIRCLE_NODE_TOTAL: '5' }, 'out of range'],
    ] as [string[], Record<string, string>, string][]) {
      const r = await archive([content, '--out', join(tmp, 'never'), ...args], env);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
    }
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  }, 60_000);

  it('says what an edition\'s build warned of (a photo not found, drawn as an FPO frame): on its own line, counted in the summary and in --json', async () => {
    const content4 = join(tmp, 'content4');
    execFileSync('cp', ['-a', content, content4]);
    const story = join(content4, DATES[1], 'story-1.md');
    writeFileSync(story, readFileSync(story, 'utf8').replace(/^---\n/, '---\nphoto: photos/gone.jpg\n'));
    const r = await archive([content4, '--out', join(tmp, 'warned'), '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    const photo = join(content4, DATES[1], 'photos', 'gone.jpg');
    expect(r.stderr).toContain(`${photo}: warning: photo not found; an FPO placeholder frame is drawn in its place (story-1)\nbuilt ${DATES[1]}`);
    expect(r.stdout).toContain('3 built (');
    expect(r.stdout).toContain('0 failed, 1 warning;');
    const json = await archive([content4, '--out', join(tmp, 'warned-json'), '--jobs', '1', '--json']);
    const report = JSON.parse(json.stdout) as { ok: boolean; warnings: { code: string; location: { file: string } }[] };
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => [w.code, w.location.file])).toEqual([['photo-missing', photo]]);
  }, 120_000);

  it('reports an edition that fails, builds the others and lists them in the manifest, exit 1', async () => {
    const content3 = join(tmp, 'content3');
    execFileSync('cp', ['-a', content, content3]);
    writeFileSync(join(content3, DATES[0], 'story-1.md'), '---\nheadline: [unclosed\n---\nBody.\n');
    const out = join(tmp, 'failing');
    const r = await archive([content3, '--out', out, '--jobs', '2']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`failed: ${DATES[0]}`);
    expect(r.stdout).toContain('2 built');
    const manifest = readManifest(join(out, 'manifest.json'));
    expect(manifest.editions.map((e) => e.date)).toEqual(DATES.slice(1));
    expect(manifest.failed.map((f) => f.date)).toEqual([DATES[0]]);
    expect(existsSync(join(out, '2024/01/02'))).toBe(false);
    expect(existsSync(join(out, '.work')) ? readdirSync(join(out, '.work')) : []).toEqual([]);
  }, 120_000);
});
