#!/usr/bin/env node
// `stonehand` as installed (package.json bin). It runs the command line bundled into one
// script (dist/cli/stonehand-bundle.cjs, made by tools/bundleCli.ts) and compiles that script
// from V8's code cache when one was made for it: a cold process then neither resolves ~180
// modules nor parses and compiles 1.6 MB of JavaScript before it typesets. V8 checks the cache
// against the script and the Node version and ignores it when it does not match; the bundle
// is then compiled from source, which is slower but the same program.
//
// With STONEHAND_WRITE_CODE_CACHE set, the launcher writes the cache when the process exits,
// holding every function the run compiled; `npm run build` does this on the sample edition.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('./stonehand-bundle.cjs', import.meta.url));
const cacheFile = `${bundle}.v8-cache`;

let source = readFileSync(bundle, 'utf8');
if (source.startsWith('#!')) source = `//${source.slice(2)}`; // the entry's shebang, inside a function
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
if (process.env.STONEHAND_WRITE_CODE_CACHE) {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
