// `npm run build`'s last step: bundles the command line and everything it imports into one
// CommonJS script, dist/cli/stonehand-bundle.cjs, then the launcher package.json's bin runs
// (cli/launch.ts → dist/cli/stonehand.cjs), then has the launcher build the sample edition once
// to write V8's code cache for the bundle. One file compiled from a cache starts in a fraction
// of the time Node takes to resolve, read, link and compile ~180 modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { LOADED_WHEN_USED, loadedWhenUsed, SUBSTITUTES } from './substitutes.js';

const DIST = resolve(fileURLToPath(import.meta.url), '../..');
const ROOT = resolve(DIST, '..');

/** the ICC profile pdfkit ships for the sRGB output intent of PDF/A */
const SRGB_PROFILE = 'sRGB_IEC61966_2_1.icc';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const substitute: Plugin = {
  name: 'substitute',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(SUBSTITUTES).map(escape).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'substitute' }));
    b.onLoad({ filter: /.*/, namespace: 'substitute' }, (args) => ({ contents: SUBSTITUTES[args.path], loader: 'js' }));
  },
};

/** Resolves each LOADED_WHEN_USED import (per importer: packages may nest their own copy) to its stand-in. */
const loadWhenUsed: Plugin = {
  name: 'load-when-used',
  setup(b) {
    const filter = new RegExp(`^(${LOADED_WHEN_USED.map(escape).join('|')})$`);
    b.onResolve({ filter }, async (args) => {
      if (args.pluginData === 'real') return undefined; // the stand-in's own require: the module itself
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'loaded-when-used' };
    });
    b.onLoad({ filter: /.*/, namespace: 'loaded-when-used' }, (args) => ({ contents: loadedWhenUsed(args.path), loader: 'js', resolveDir: ROOT }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // the bundle's import.meta.url is its own path, as a module's is
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
} as const;

async function main() {
  await build({
    ...common,
    entryPoints: [join(DIST, 'cli', 'main.js')],
    // in dist/cli/ like main.js, so paths relative to the module (the package root) hold
    outfile: join(DIST, 'cli', 'stonehand-bundle.cjs'),
    // native, and only needed by builds with photos: loaded from node_modules then
    external: ['sharp'],
    plugins: [substitute, loadWhenUsed],
  });
  await build({ ...common, entryPoints: [join(DIST, 'cli', 'launch.js')], outfile: join(DIST, 'cli', 'stonehand.cjs') });
  // pdfkit reads the sRGB profile of the PDF/A output intent (the archive profile) from data/ beside
  // its script: beside the bundle, then
  mkdirSync(join(DIST, 'cli', 'data'), { recursive: true });
  copyFileSync(join(ROOT, 'node_modules', 'pdfkit', 'js', 'data', SRGB_PROFILE), join(DIST, 'cli', 'data', SRGB_PROFILE));

  const out = mkdtempSync(join(tmpdir(), 'stonehand-code-cache-'));
  try {
    const run = spawnSync(process.execPath, [join(DIST, 'cli', 'stonehand.cjs'), 'build', join(ROOT, 'content', '2022-11-15'), '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, STONEHAND_WRITE_CODE_CACHE: '1' },
    });
    if (run.status !== 0) throw new Error(`building the sample edition to make the code cache failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bundleCli: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
