#!/usr/bin/env node
// `stonehand` as installed (package.json bin), on Linux, macOS and Windows alike. It runs the
// launcher (dist/cli/stonehand.cjs: the bundled command line from V8's code cache) in a child
// Node started with the settings that keep a big edition's memory bounded, which a running
// process can no longer change:
// - glibc reads MALLOC_* only when the process starts. sharp's threads each take a malloc arena
//   where freed photo buffers linger (two arenas are plenty for its work), and large blocks
//   (photos, decoded and encoded) are mapped and unmapped, not kept in the heap once freed
//   (glibc otherwise raises that threshold as big blocks come and go). Other C libraries ignore
//   these variables.
// - V8 sizes its heap at start: it lets the heap grow by half, not by up to four times, before
//   it collects, so the garbage makeup leaves behind is freed page by page; and the young
//   generation has 8 MB semi-spaces, not 16 (most of what layout makes dies young either way).
// The 48-page edition of 200 stories with 36 photos: peak 315 → about 250 MB with all four.
// - Stonehand opens no network connection: the child is not given NODE_EXTRA_CA_CERTS, which
//   Node 20 reads and parses at every start (~50 ms for a system bundle).
// The archive's worker processes inherit the environment and the Node flags (execArgv).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../dist/cli/stonehand.cjs', import.meta.url));
// a clone of the repository holds no built command line until `npm run build` (npm start and
// npm test run it); an installed package always does
if (!existsSync(launcher)) {
  process.stderr.write(`stonehand: ${launcher} is missing: in a clone of the repository, run \`npm run build\` first\n`);
  process.exit(1);
}
const NODE_FLAGS = ['--heap-growing-percent=50', '--max-semi-space-size=8'];
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
env.MALLOC_ARENA_MAX ??= '2';
env.MALLOC_MMAP_THRESHOLD_ ??= '131072';

const child = spawn(process.execPath, [...NODE_FLAGS, launcher, ...process.argv.slice(2)], { stdio: 'inherit', env });

// A signal sent to this process goes on to the child, which removes its temporary files and ends
// by it. (On Windows a console's Ctrl-C already reaches every process in it, and kill() would
// end the child at once: there this process only waits.)
const forward = (signal) => {
  if (process.platform !== 'win32') child.kill(signal);
};
for (const signal of FORWARDED) process.on(signal, forward);

child.on('error', (error) => {
  process.stderr.write(`stonehand: cannot start Node (${process.execPath}): ${error.message}\n`);
  process.exit(1);
});
// Same exit status as the child; ended by a signal, this process ends by the same signal.
child.on('exit', (code, signal) => {
  if (signal) {
    for (const s of FORWARDED) process.removeListener(s, forward);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
