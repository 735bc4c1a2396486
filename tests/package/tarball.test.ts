// The package as users get it: `npm pack` of the built repo (npm test's pretest builds it),
// installed without dev dependencies into an empty folder, must hold what runs and nothing
// else, and its `stonehand` must write the very PDF bytes the repo's own bin writes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/runCli.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** npm from the local cache (`npm ci` has filled it), quietly */
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const EDITIONS = ['2022-11-15', '2024-03-12'];

interface PackedFile {
  path: string;
  size: number;
}

describe('the npm package', () => {
  let dir: string;
  let files: PackedFile[];
  let installed: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stonehand-package-'));
    // the repo is built by pretest: pack it as it is (prepack would build it again)
    const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
    files = packed.files;
    installed = join(dir, 'user');
    await mkdir(installed);
    await writeFile(join(installed, 'package.json'), '{ "name": "user", "version": "1.0.0", "private": true }\n');
    await run(NPM, ['install', '--omit=dev', ...NPM_FLAGS, join(dir, packed.filename)], { cwd: installed });
    // and again from the lock file that install wrote, as `npm ci` on a deploy would
    await rm(join(installed, 'node_modules'), { recursive: true });
    await run(NPM, ['ci', '--omit=dev', ...NPM_FLAGS], { cwd: installed });
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the bin, the bundled command line with its code cache and data, face tables, fonts with their licences, README and LICENSE; no sources, tests or sample content', async () => {
    const paths = files.map((f) => f.path).sort();
    const fonts = (await readdir(join(ROOT, 'fonts'))).map((name) => `fonts/${name}`);
    const faceTables = (await readdir(join(ROOT, 'dist', 'face-tables'))).map((name) => `dist/face-tables/${name}`);
    const man = existsSync(join(ROOT, 'dist', 'man')) ? (await readdir(join(ROOT, 'dist', 'man'))).map((name) => `dist/man/${name}`) : [];
    expect(paths).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        'bin/stonehand.js',
        'dist/cli/stonehand.cjs',
        'dist/cli/stonehand-bundle.cjs',
        'dist/cli/stonehand-bundle.cjs.v8-cache',
        'dist/cli/data/sRGB_IEC61966_2_1.icc',
        ...faceTables,
        ...man,
        ...fonts,
      ].sort(),
    );
    expect(fonts.filter((f) => f.endsWith('.ttf')).length).toBeGreaterThanOrEqual(4);
    for (const face of fonts.filter((f) => f.endsWith('.ttf'))) {
      const family = /fonts\/([A-Za-z]+)_/.exec(face)![1];
      expect(paths, `${face} without its licence`).toContain(`fonts/${family}-OFL.txt`);
    }
    expect(faceTables.length).toBeGreaterThan(0);
  });

  it('installs no dev dependency: what the bundle holds is not installed again', async () => {
    const modules = (await readdir(join(installed, 'node_modules'))).filter((name) => !name.startsWith('.'));
    for (const bundled of ['pdfkit', 'fontkit', 'yargs', 'marked', 'yaml', 'saxes', 'linebreak', 'typescript', 'esbuild', 'vitest']) {
      expect(modules, `${bundled} installed`).not.toContain(bundled);
    }
    // loaded at run time: sharp (native, photos) and hyphen (patterns of languages other than English)
    expect(modules).toEqual(expect.arrayContaining(['stonehand', 'sharp', 'hyphen']));
  });

  it('builds both sample editions into the bytes the repo bin builds, and archives them with worker processes', async () => {
    const bin = join(installed, 'node_modules', '.bin', process.platform === 'win32' ? 'stonehand.cmd' : 'stonehand');
    const repoBin = join(ROOT, 'bin', 'stonehand.js');
    for (const date of EDITIONS) {
      const edition = join(ROOT, 'content', date);
      await run(bin, ['build', edition, '--out', join(dir, 'installed-out')], { cwd: installed });
      await run(process.execPath, [repoBin, 'build', edition, '--out', join(dir, 'repo-out')], { cwd: ROOT });
      const name = `the-morning-ledger-${date}.pdf`;
      const fromPackage = await readFile(join(dir, 'installed-out', date, name));
      const fromRepo = await readFile(join(dir, 'repo-out', date, name));
      expect(fromPackage.length).toBeGreaterThan(10_000);
      expect(fromPackage.equals(fromRepo), `${date}: the installed command wrote other bytes`).toBe(true);
    }
    // archive --jobs 2 starts workers from the installed launcher; its press PDFs are the build's
    const content = join(dir, 'content');
    for (const date of EDITIONS) await cp(join(ROOT, 'content', date), join(content, date), { recursive: true });
    await run(bin, ['archive', content, '--out', join(dir, 'archive'), '--jobs', '2'], { cwd: installed });
    const pressPdf = await readFile(join(dir, 'archive', '2024', '03', '12', 'the-morning-ledger-2024-03-12.pdf'));
    expect(pressPdf.equals(await readFile(join(dir, 'repo-out', '2024-03-12', 'the-morning-ledger-2024-03-12.pdf')))).toBe(true);
    const verify = await run(bin, ['archive', '--out', join(dir, 'archive'), '--verify'], { cwd: installed });
    expect(verify.stdout).toMatch(/all match/);
  }, 120_000);

  it('draws proofs from the installed package as the repo bin does, and knows its version', async () => {
    const bin = join(installed, 'node_modules', '.bin', process.platform === 'win32' ? 'stonehand.cmd' : 'stonehand');
    const edition = join(ROOT, 'content', '2022-11-15');
    await run(bin, ['proof', edition, '--ppi', '20', '--out', join(dir, 'proof-installed')], { cwd: installed });
    await run(process.execPath, [join(ROOT, 'bin', 'stonehand.js'), 'proof', edition, '--ppi', '20', '--out', join(dir, 'proof-repo')], { cwd: ROOT });
    const pngs = (await readdir(join(dir, 'proof-repo', '2022-11-15'))).filter((name) => name.endsWith('.png')).sort();
    expect(pngs.length).toBeGreaterThanOrEqual(2); // a page and the contact sheet
    expect((await readdir(join(dir, 'proof-installed', '2022-11-15'))).filter((name) => name.endsWith('.png')).sort()).toEqual(pngs);
    for (const png of pngs) {
      const a = await readFile(join(dir, 'proof-installed', '2022-11-15', png));
      expect(a.equals(await readFile(join(dir, 'proof-repo', '2022-11-15', png))), png).toBe(true);
    }
    const version = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run(bin, ['--version'], { cwd: installed })).stdout.trim()).toContain(version.version);
  });

  it('imports wire copy and preflights a PDF from the installed package', async () => {
    const bin = join(installed, 'node_modules', '.bin', process.platform === 'win32' ? 'stonehand.cmd' : 'stonehand');
    const imported = await run(bin, ['import', join(ROOT, 'content', '2022-11-15', 'wire', '000_2300611e7060d6c5.txt')], { cwd: installed });
    expect(imported.stdout).toBe(await readFile(join(ROOT, 'content', '2022-11-15', 'japan-us-alliance.md'), 'utf8'));
    const pdf = join(dir, 'installed-out', '2022-11-15', 'the-morning-ledger-2022-11-15.pdf');
    const checked = await run(bin, ['preflight', pdf], { cwd: installed });
    expect(checked.stdout).toMatch(/preflight passed/);
  });
});
