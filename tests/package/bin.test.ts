// bin/stonehand.js, the installed command, starts the launcher in a child Node with the memory
// settings a running process can no longer change, and must behave as that child: same
// arguments, stdin, exit status and signals. Tested here with a probe in the launcher's place
// (a copy of the bin in a temporary package), so each property is seen directly.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/runCli.js';

/** The probe: reports what it was started with, then does what its first argument says. */
const PROBE = `
const { writeFileSync } = require('node:fs');
const [what, arg] = process.argv.slice(2);
const report = () => process.stdout.write(JSON.stringify({
  argv: process.argv.slice(2), execArgv: process.execArgv,
  env: { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? null },
}) + '\\n');
if (what === 'report') report();
if (what === 'exit') process.exit(Number(arg));
if (what === 'stdin') process.stdin.pipe(process.stdout);
if (what === 'wait') {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {
    writeFileSync(arg, signal); // as Stonehand does: clean up, then end by the same signal
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
  setInterval(() => {}, 1000);
  process.stdout.write('waiting\\n');
}
`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

describe('bin/stonehand.js', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stonehand-bin-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
    bin = join(dir, 'bin', 'stonehand.js');
    copyFileSync(join(ROOT, 'bin', 'stonehand.js'), bin);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'dist', 'cli', 'stonehand.cjs'), PROBE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the bin with `args`; `whenReady` is called once the probe has written something. */
  const run = (args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; whenReady?: (pid: number) => void } = {}) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        options.whenReady?.(child.pid!);
      });
      child.stdin.end(options.stdin ?? '');
      child.on('close', (code, signal) => resolve({ code, signal, stdout }));
    });

  it('in a clone not yet built: one line saying to run npm run build, exit 1', () => {
    const bare = mkdtempSync(join(tmpdir(), 'stonehand-bin-bare-'));
    try {
      mkdirSync(join(bare, 'bin'));
      copyFileSync(join(ROOT, 'bin', 'stonehand.js'), join(bare, 'bin', 'stonehand.js'));
      writeFileSync(join(bare, 'package.json'), '{ "type": "module" }\n');
      const result = spawnSync(process.execPath, [join(bare, 'bin', 'stonehand.js'), '--version'], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`stonehand: ${join(bare, 'dist', 'cli', 'stonehand.cjs')} is missing: in a clone of the repository, run \`npm run build\` first\n`);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('starts the launcher with the Node flags and malloc settings, its arguments, and no extra CA certificates', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' };
    delete env.MALLOC_ARENA_MAX;
    delete env.MALLOC_MMAP_THRESHOLD_;
    const { code, stdout } = await run(['report', '--out', 'a b', '--', '-x'], { env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      argv: ['report', '--out', 'a b', '--', '-x'],
      execArgv: ['--heap-growing-percent=50', '--max-semi-space-size=8'],
      env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', NODE_EXTRA_CA_CERTS: null },
    });
  });

  it("keeps the user's own malloc settings", async () => {
    const { stdout } = await run(['report'], { env: { ...process.env, MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' } });
    expect((JSON.parse(stdout) as { env: object }).env).toMatchObject({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
  });

  it('exits with the exit status of the command', async () => {
    for (const status of [0, 1, 2, 7]) expect((await run(['exit', String(status)])).code).toBe(status);
  });

  it('passes stdin through to the command', async () => {
    expect((await run(['stdin'], { stdin: 'headline\n\nbody\n' })).stdout).toBe('headline\n\nbody\n');
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it.skipIf(process.platform === 'win32')(`hands ${signal} on to the command, and ends by it as the command did`, async () => {
      const marker = join(dir, `got-${signal}`);
      let sent = false;
      const result = await run(['wait', marker], {
        whenReady: (pid) => {
          if (!sent) process.kill(pid, signal);
          sent = true;
        },
      });
      expect(readFileSync(marker, 'utf8')).toBe(signal);
      expect(result).toMatchObject({ code: null, signal });
    });
  }
});
