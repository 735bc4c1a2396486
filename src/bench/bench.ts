// npm run bench: how fast Stonehand is, measured, never asserted (no test depends on time).
// Figures: the seed page composed in process (cold and warm), the whole `stonehand build`
// process, its peak memory, stories of 10k/100k/200k words built by the command (time, peak
// memory and how they grow), line breaking and flow for stories of 1k/10k/100k words, time a
// page as an edition grows, and a 48-page edition of 200 stories built as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { houseContext } from '../build/buildEdition.js';
import { articleToMarkdown } from '../import/articleToMarkdown.js';
import { breakPrepared, prepareParagraph } from '../compose/composeParagraph.js';
import { loadEdition } from '../io/loadEdition.js';
import type { Article, Edition } from '../model/article.js';
import { styleArticle } from '../style/styleArticle.js';
import type { PhotoInfo } from '../flow/photoPlan.js';
import { typesetEdition } from '../typeset.js';
import { PAGE_FORMATS, pageGeometry } from '../flow/geometry.js';
import { resolveJumps } from '../flow/jumps.js';
import { makeUpEdition } from '../flow/makeup.js';
import { layoutPage } from '../flow/page.js';
import { prepareCopy } from '../flow/storyCopy.js';
import { readPhotoSize } from '../io/preparePhoto.js';
import { benchStories, seededRandom, syntheticArticle as generatedArticle, syntheticEdition } from './syntheticEdition.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** `stonehand` as installed (package.json bin): a JavaScript bin that starts the launcher in a tuned child Node */
const BIN = join(ROOT, 'bin/stonehand.js');
/** the launcher: the bundled command line, from its code cache */
const LAUNCHER = join(ROOT, 'dist/cli/stonehand.cjs');
/** the same command line from the compiled modules, unbundled, for comparison */
const MODULES = join(ROOT, 'dist/cli/main.js');
const SEED = join(ROOT, 'content/2022-11-15');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;
function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

/** Wall times of `count` runs of a process; throws if one fails. */
function wallTimes(command: string, args: string[], count: number): number[] {
  return Array.from({ length: count }, () => {
    const start = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    return performance.now() - start;
  });
}

/** Peak resident memory (MB) of one run of `command` with `args`: the largest of its processes (GNU time's %M). */
function peakMemory(command: string, args: string[]): number {
  const probe = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', command, ...args], { encoding: 'utf8' });
  if (probe.error) return NaN; // no /usr/bin/time here
  return Number(/MAXRSS (\d+)/.exec(probe.stderr)?.[1] ?? NaN) / 1024;
}

/** Deterministic newsy text: `words` words in paragraphs of 20–80 words. */
function syntheticArticle(slug: string, words: number, seed: number): Article {
  const vocabulary =
    'the a of and to in leaders security alliance strengthen minister deterrence capabilities summit agreed Sunday confirmed Washington Pacific administration development nuclear missile sanctions Kremlin supporting solidarity industrialized including president talks meeting government economy'.split(' ');
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const body: Article['body'] = [];
  for (let left = words; left > 0; ) {
    const n = Math.min(left, 20 + Math.floor(random() * 60));
    const text = Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    body.push({ kind: 'paragraph', spans: [{ text: `${text[0].toUpperCase()}${text.slice(1)}.`, italic: false, bold: false }] });
    left -= n;
  }
  return {
    slug,
    sourcePath: `/bench/${slug}.md`,
    headline: 'Leaders agree to strengthen the alliance at the summit',
    deck: 'The two governments will work closely together on security and the economy.',
    bylines: ['Jane Doe', 'John Roe'],
    source: 'The Morning Ledger',
    dateline: 'TOKYO',
    date: '2022-11-16',
    photo: { file: `${slug}.jpg`, caption: 'Leaders meet before their talks on Sunday.', credit: 'Photo by the Ledger' },
    lang: 'en',
    body,
  };
}

const edition = (articles: Article[]): Edition => ({ paper: 'The Morning Ledger', date: '2022-11-16', format: 'tabloid', articles, sourcePath: '/bench' });
const photosFor = (articles: Article[]) => new Map<string, PhotoInfo>(articles.map((a) => [resolve('/bench', a.photo!.file), { pixels: { width: 3000, height: 2000 } }]));

async function main() {
  const ctx = houseContext();
  console.log(`Stonehand bench — node ${process.version}, ${process.platform}/${process.arch}\n`);

  // 1. the seed page, in process
  const seed = await loadEdition(SEED);
  const seedPhotos = new Map<string, PhotoInfo>([[join(SEED, 'photos/10118290.jpeg'), { pixels: null }]]);
  const [, cold] = time(() => typesetEdition(seed, seedPhotos, ctx));
  const warm = Array.from({ length: 30 }, () => time(() => typesetEdition(seed, seedPhotos, ctx))[1]);
  console.log('seed page (typeset: style, compose, flow; in process)');
  console.log(`  cold (first run, fonts shaped for the first time): ${ms(cold)}`);
  console.log(`  warm: median ${ms(median(warm))}, best ${ms(Math.min(...warm))}  (target < 30 ms)\n`);

  // 2. the whole `stonehand build` process: the seed page, and a story of 10,000 words
  const out = mkdtempSync(join(tmpdir(), 'stonehand-bench-'));
  try {
    const long = syntheticArticle('long-story', 10_000, 3);
    const longFile = join(out, 'long-story.md');
    writeFileSync(longFile, articleToMarkdown({ ...long, photo: undefined }));
    const floor = wallTimes(process.execPath, ['-e', '0'], 11);
    console.log(`the whole process (wall, 11 runs each; \`node -e 0\` alone: median ${ms(median(floor))}, best ${ms(Math.min(...floor))})`);
    if (process.env.NODE_EXTRA_CA_CERTS) console.log('  (NODE_EXTRA_CA_CERTS is set: plain `node` loads that CA bundle at every start; bin/stonehand.js does too, the Node it starts does not)');
    const runs: Array<[string, string, string[], string]> = [
      ['stonehand build content/2022-11-15', BIN, [], SEED],
      ['  node dist/cli/stonehand.cjs build … (the launcher, environment as is)', process.execPath, [LAUNCHER], SEED],
      ['  node dist/cli/main.js build … (the unbundled modules)', process.execPath, [MODULES], SEED],
      ['stonehand build of a 10,000-word story', BIN, [], longFile],
    ];
    for (const [what, command, prefix, source] of runs) {
      const args = [...prefix, 'build', source, '--out', out];
      const walls = wallTimes(command, args, 11);
      const rss = peakMemory(command, args);
      console.log(`${what}: median ${ms(median(walls))}, best ${ms(Math.min(...walls))}, peak memory ${Number.isNaN(rss) ? 'n/a (no /usr/bin/time)' : `${rss.toFixed(0)} MB`}`);
    }
    console.log('  (targets for the seed page: < 400 ms, < 200 MB)\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  // 3. huge input: one story of 10k, 100k and 200k words built by the command; time and peak memory, and how they grow
  await hugeStories();

  // 4. scaling with story length: line breaking alone, and the whole layout
  console.log('one story of N words (tabloid; warm fonts)');
  console.log('  words     paragraphs  line breaking        layout (pages)');
  for (const words of [1_000, 10_000, 100_000]) {
    const article = syntheticArticle(`story-${words}`, words, 7);
    const story = styleArticle(article, ctx.theme);
    const hyphenate = ctx.hyphenatorFor('en');
    story.body.forEach((p) => breakPrepared(prepareParagraph(p, 134.4, ctx.metrics, hyphenate))); // warm the width cache
    const [, breaking] = time(() => story.body.forEach((p) => breakPrepared(prepareParagraph(p, 134.4, ctx.metrics, hyphenate))));
    const [layout, flowing] = time(() => typesetEdition(edition([article]), photosFor([article]), ctx));
    console.log(
      `  ${String(words).padEnd(9)} ${String(story.body.length).padEnd(11)} ${ms(breaking).padEnd(10)} (${(breaking / (words / 1000)).toFixed(2)} ms/1k)  ${ms(flowing)} (${layout.pages.length})`,
    );
  }

  // 5. an edition that grows: the bench mix of stories, made up into pages
  console.log('\nan edition of N stories (the bench mix: briefs to 2,500 words, a third with photos; typeset only, warm)');
  console.log('  stories   pages   time        ms/page');
  for (const count of [10, 50, 200]) {
    const { edition: made, photos } = syntheticEdition(benchStories(count, seededRandom(48)), 48);
    const [layout, took] = time(() => typesetEdition(made, photos, ctx));
    console.log(`  ${String(count).padEnd(9)} ${String(layout.pages.length).padEnd(7)} ${ms(took).padEnd(11)} ${(took / layout.pages.length).toFixed(1)}`);
  }

  // 6. the daily edition: about 200 stories on about 48 pages, built by the command as a user would
  await largeEdition(ctx);
  await archiveBench();
}

/**
 * One story of 10,000, 100,000 and 200,000 words (jumping page to page), built by `stonehand
 * build` as a user would: wall time (best of a few runs) and peak memory, and how each grows —
 * the exponent k of time ∝ words^k between the sizes (1 = linear), the ratio per doubling from
 * 100k to 200k, and the cost per 1,000 words. Targets for 200k words: < 250 MB, < 8 s.
 */
async function hugeStories() {
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-bench-huge-'));
  try {
    console.log('one story of N words built by `stonehand build` (wall, best of runs; peak memory of the process)');
    console.log('  words     pages  time         peak memory');
    const rows: { words: number; time: number; mb: number }[] = [];
    for (const [words, runs] of [
      [10_000, 3],
      [100_000, 2],
      [200_000, 2],
    ] as const) {
      const file = join(dir, `story-${words}.md`);
      writeFileSync(file, articleToMarkdown({ ...syntheticArticle(`story-${words}`, words, 11), photo: undefined, sourcePath: file }));
      const args = ['build', file, '--out', join(dir, 'out')];
      const time = Math.min(...wallTimes(BIN, args, runs));
      const mb = peakMemory(BIN, args);
      const report = spawnSync(BIN, [...args, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const pages = (JSON.parse(report.stdout) as { pages: number }).pages;
      rows.push({ words, time, mb });
      console.log(`  ${String(words).padEnd(9)} ${String(pages).padEnd(6)} ${ms(time).padEnd(12)} ${Number.isNaN(mb) ? 'n/a' : `${mb.toFixed(0)} MB`}`);
    }
    const [small, , large] = rows;
    const mid = rows[1];
    const exponent = (a: number, b: number, wa: number, wb: number) => Math.log(b / a) / Math.log(wb / wa);
    console.log(
      `  growth: time ∝ words^${exponent(small.time, large.time, small.words, large.words).toFixed(2)} (10k→200k); ×${(large.time / mid.time).toFixed(2)} time and ×${(large.mb / mid.mb).toFixed(2)} memory per doubling (100k→200k)`,
    );
    console.log(
      `  per 1,000 words (100k→200k): ${((large.time - mid.time) / ((large.words - mid.words) / 1000)).toFixed(1)} ms, ${((large.mb - mid.mb) / ((large.words - mid.words) / 1000)).toFixed(2)} MB  (targets for 200k: < 250 MB, < 8 s)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A 48-page edition of 200 stories with their photos, written to disk and built by
 * `stonehand build`: whole time and peak memory (targets: < 8 s, < 500 MB), then the stages
 * in process (compose, makeup per page, module layout, painting).
 */
async function largeEdition(ctx: ReturnType<typeof houseContext>) {
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-bench-edition-'));
  try {
    const { edition: made, photos } = syntheticEdition(benchStories(200, seededRandom(48)), 48);
    const folder = join(dir, made.date);
    mkdirSync(join(folder, 'photos'), { recursive: true });
    writeFileSync(join(folder, 'edition.yaml'), `paper: ${made.paper}\ndate: ${made.date}\nformat: ${made.format}\nedition: ${made.editionLine}\n`);
    const sharp = (await import('sharp')).default;
    for (const article of made.articles) {
      writeFileSync(join(folder, `${article.slug}.md`), articleToMarkdown({ ...article, sourcePath: join(folder, `${article.slug}.md`) }));
      const pixels = article.photo && photos.get(`/synthetic/${article.photo.file}`)?.pixels;
      if (article.photo && pixels) {
        // a photo with some detail, so the JPEG is not trivially small
        const noise = await sharp({ create: { width: pixels.width, height: pixels.height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg({ quality: 80 }).toBuffer();
        writeFileSync(join(folder, article.photo.file), noise);
      }
    }
    const out = join(dir, 'out');
    console.log(`\nthe daily edition: ${made.articles.length} stories, ${[...photos.values()].filter((p) => p.pixels).length} photos (stonehand build, wall, 3 runs)`);
    const walls = wallTimes(BIN, ['build', folder, '--out', out], 3);
    const rss = peakMemory(BIN, ['build', folder, '--out', out]);
    const report = spawnSync(BIN, ['build', folder, '--out', out, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const pages = (JSON.parse(report.stdout) as { pages: number }).pages;
    console.log(`  ${pages} pages: median ${ms(median(walls))}, best ${ms(Math.min(...walls))}, peak memory ${Number.isNaN(rss) ? 'n/a' : `${rss.toFixed(0)} MB`}  (targets < 8 s, < 250 MB)`);

    // the stages, in process
    const loaded = await loadEdition(folder);
    const sizes = new Map<string, PhotoInfo>();
    for (const a of loaded.articles) if (a.photo) sizes.set(resolve(folder, a.photo.file), { pixels: await readPhotoSize(resolve(folder, a.photo.file)) });
    const g = pageGeometry(PAGE_FORMATS[loaded.format], ctx.theme.body.leading);
    const [copies, composing] = time(() => loaded.articles.map((a, rank) => prepareCopy(styleArticle(a, ctx.theme), rank, sizes, g, ctx)));
    const [makeup, makingUp] = time(() => makeUpEdition(copies, undefined, g, ctx));
    const jumps = resolveJumps(makeup.pages);
    const furniture = { paper: loaded.paper, dateText: loaded.date, editionLine: loaded.editionLine };
    const [laid, laying] = time(() => makeup.pages.map((plan) => layoutPage(plan, furniture, jumps, g, ctx)));
    console.log(`  in process: style and compose ${ms(composing)}, makeup ${ms(makingUp)} (${(makingUp / makeup.pages.length).toFixed(1)} ms a page), module layout ${ms(laying)} (${laid.length} pages)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `stonehand archive` over 100 generated editions (three or four stories each, letter pages, no
 * photos): --jobs 1, --jobs 2 (target ≥ 1.7× on 2 cores; the two archives must be byte-identical)
 * and a rerun with nothing changed (target < 2 s). The machine's load is printed with them, and
 * what two cores give here at best: two --jobs 1 runs at once, each a whole archive, against
 * one (a run alone already keeps more than one core busy, with V8's compiler threads and I/O).
 */
async function archiveBench() {
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-bench-archive-'));
  try {
    const content = join(dir, 'content');
    for (let i = 0; i < 100; i++) {
      const date = new Date(Date.UTC(2020, 0, 1 + i * 3)).toISOString().slice(0, 10);
      const folder = join(content, date);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'edition.yaml'), `paper: The Morning Ledger\ndate: ${date}\nformat: letter\n`);
      const random = seededRandom(1000 + i);
      const stories = 3 + (i % 2);
      for (let s = 0; s < stories; s++) {
        const article = generatedArticle(`story-${s + 1}`, { words: 120 + Math.floor(random() * 200) }, random, s + 1);
        writeFileSync(join(folder, `story-${s + 1}.md`), articleToMarkdown({ ...article, date }));
      }
    }
    const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`\nstonehand archive: 100 generated editions (${availableParallelism()} cores; load average before: ${load()})`);
    const run = (args: string[]) => {
      const start = performance.now();
      const r = spawnSync(BIN, ['archive', content, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`archive ${args.join(' ')} failed: ${r.stderr}`);
      return { ms: performance.now() - start, summary: r.stdout.trim() };
    };
    const one = run(['--out', join(dir, 'one'), '--jobs', '1']);
    console.log(`  --jobs 1: ${(one.ms / 1000).toFixed(1)} s  (${one.summary.replace(/;.*$/, '')})`);
    const two = run(['--out', join(dir, 'two'), '--jobs', '2']);
    const same = spawnSync('diff', ['-r', join(dir, 'one'), join(dir, 'two')]).status === 0;
    console.log(`  --jobs 2: ${(two.ms / 1000).toFixed(1)} s  = ${(one.ms / two.ms).toFixed(2)}× (target ≥ 1.7× on 2 cores); byte-identical to --jobs 1: ${same ? 'yes' : 'NO'}`);
    const both = async () => {
      const start = performance.now();
      const once = (out: string) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, 'archive', content, '--out', out, '--jobs', '1'], { stdio: 'ignore' });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`archive --jobs 1 into ${out} failed (exit ${code})`))));
        });
      await Promise.all([once(join(dir, 'both-a')), once(join(dir, 'both-b'))]);
      return performance.now() - start;
    };
    const twoAtOnce = await both();
    console.log(`  two --jobs 1 archives at once: ${(twoAtOnce / 1000).toFixed(1)} s, so two cores give at best ${((2 * one.ms) / twoAtOnce).toFixed(2)}× one --jobs 1 here`);
    const again = run(['--out', join(dir, 'one')]);
    console.log(`  rerun, nothing changed: ${(again.ms / 1000).toFixed(2)} s (target < 2 s)  (${again.summary.replace(/;.*$/, '')}); load average after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const onlyArchive = process.argv.includes('archive');
(onlyArchive ? archiveBench() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
