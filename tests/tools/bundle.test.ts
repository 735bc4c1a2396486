// The installed command (package.json bin: bin/stonehand.js) runs the bundled command line from
// V8's code cache (tools/bundleCli.ts, cli/launch.ts). It must be the same program as the
// modules.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSTITUTES } from '../../src/tools/substitutes.js';
import { ARTICLE, CLI, EDITION, PDF_NAME, ROOT, runCli, WIRE } from '../cli/runCli.js';
import { editionWithPhoto } from '../render/photoFixture.js';

const BIN = join(ROOT, 'bin', 'stonehand.js');
const LAUNCHER = join(ROOT, 'dist', 'cli', 'stonehand.cjs');
const BUNDLE = join(ROOT, 'dist', 'cli', 'stonehand-bundle.cjs');

/** Evaluates a substitute module's source and returns its exports. */
function substitute(name: string): unknown {
  const module = { exports: {} as unknown };
  new Function('module', 'require', SUBSTITUTES[name])(module, createRequire(import.meta.url));
  return module.exports;
}

describe('the installed command', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'stonehand-bin-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('is what package.json names as bin, built with its bundle and code cache', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(join(ROOT, pkg.bin.stonehand)).toBe(BIN);
    for (const file of [BIN, LAUNCHER, BUNDLE, `${BUNDLE}.v8-cache`]) expect(existsSync(file), file).toBe(true);
  });

  it('spares the Node that typesets the extra CA certificates (Stonehand opens no connection)', async () => {
    const env = { NODE_EXTRA_CA_CERTS: join(out, 'no-such-bundle.pem') };
    // every Node reads the file at start, and warns that it cannot: plain Node once
    const plain = await runCli(['--help'], { script: LAUNCHER, env });
    expect(plain.stderr.match(/extra certs/g)).toHaveLength(1);
    // the bin's own Node reads it before any of its code runs; the Node it starts does not
    const viaBin = await runCli(['--help'], { script: BIN, executable: true, env });
    expect(viaBin.status).toBe(0);
    expect(viaBin.stderr.match(/extra certs/g)).toHaveLength(1);
  });

  it('builds the sample edition into the very bytes the modules build', async () => {
    const fromBin = await runCli(['build', EDITION, '--out', join(out, 'bin')], { script: BIN, executable: true });
    const fromModules = await runCli(['build', EDITION, '--out', join(out, 'modules')], { script: CLI });
    expect(fromBin.status, fromBin.stderr).toBe(0);
    expect(fromModules.status, fromModules.stderr).toBe(0);
    expect(fromBin.stderr).toBe(fromModules.stderr);
    const a = await readFile(join(out, 'bin', '2022-11-15', PDF_NAME));
    const b = await readFile(join(out, 'modules', '2022-11-15', PDF_NAME));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });

  it('builds an edition with a photo, loading sharp from node_modules, as the modules do', async () => {
    const edition = await editionWithPhoto(join(out, 'with-photo'));
    const fromBin = await runCli(['build', edition, '--out', join(out, 'photo-bin'), '--colour'], { script: BIN, executable: true });
    const fromModules = await runCli(['build', edition, '--out', join(out, 'photo-modules'), '--colour'], { script: CLI });
    expect(fromBin.status, fromBin.stderr).toBe(0);
    expect(fromBin.stderr).toBe(fromModules.stderr);
    const a = await readFile(join(out, 'photo-bin', '2022-11-15', PDF_NAME));
    const b = await readFile(join(out, 'photo-modules', '2022-11-15', PDF_NAME));
    expect(a.includes(Buffer.from('/DCTDecode'))).toBe(true);
    expect(a.equals(b)).toBe(true);
  });

  it('imports wire copy into the same Markdown as the modules (the importer matches non-ASCII text)', async () => {
    const fromBin = await runCli(['import', WIRE], { script: BIN, executable: true });
    const fromModules = await runCli(['import', WIRE], { script: CLI });
    expect(fromBin.status, fromBin.stderr).toBe(0);
    expect(fromBin.stdout).toBe(fromModules.stdout);
    expect(fromBin.stderr).toBe(fromModules.stderr);
    expect(fromBin.stdout).toBe(await readFile(ARTICLE, 'utf8'));
  });

  it('reports bad input and usage as the modules do', async () => {
    for (const args of [['build', join(out, 'missing')], ['frobnicate'], ['preflight', join(out, 'none.pdf')]]) {
      const fromBin = await runCli(args, { script: BIN, executable: true });
      const fromModules = await runCli(args, { script: CLI });
      expect([fromBin.status, fromBin.stderr, fromBin.stdout]).toEqual([fromModules.status, fromModules.stderr, fromModules.stdout]);
      expect(fromBin.status).not.toBe(0);
    }
  });

  it('has a code cache this Node accepts for the bundle', () => {
    let source = readFileSync(BUNDLE, 'utf8');
    if (source.startsWith('#!')) source = `//${source.slice(2)}`;
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: BUNDLE,
      cachedData: readFileSync(`${BUNDLE}.v8-cache`),
    });
    expect(script.cachedDataRejected).toBe(false);
  });
});

describe('modules the bundle substitutes', () => {
  it('leaves out the Brotli decoder and the AES cipher, which throw if ever called', () => {
    expect(() => (substitute('brotli/decompress.js') as () => void)()).toThrow(/WOFF2/);
    expect(() => (substitute('@noble/ciphers/aes') as { cbc: () => void }).cbc()).toThrow(/encryption/);
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(bundle).not.toContain('tinf_uncompress');
    expect(bundle.length).toBeLessThan(2_500_000); // the Brotli dictionary alone is 1.3 MB
  });

  it('inflates with zlib to exactly what tiny-inflate gives', () => {
    const tinyInflate = createRequire(import.meta.url)('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
    const inflate = substitute('tiny-inflate') as typeof tinyInflate;
    let state = 7;
    const bytes = Uint8Array.from({ length: 50_000 }, () => ((state = (state * 16807) % 2147483647) % 7) * 31);
    const packed = deflateRawSync(bytes);
    // a destination of the exact size, and one larger than the data (tiny-inflate returns what it decoded)
    for (const size of [bytes.length, bytes.length + 100]) {
      const mine = inflate(packed, new Uint8Array(size));
      const theirs = tinyInflate(packed, new Uint8Array(size));
      expect(mine.length).toBe(theirs.length);
      expect(Buffer.from(mine).equals(Buffer.from(theirs))).toBe(true);
    }
    expect(Buffer.from(inflate(packed, new Uint8Array(bytes.length))).equals(Buffer.from(bytes))).toBe(true);
  });
});
