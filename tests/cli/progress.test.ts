// Build progress: one line redrawn on a terminal after a second of work (pages, words, elapsed),
// nothing when stderr is not a terminal or with --json. The clock and the stream are fakes; the
// end-to-end cases run the command in a pseudo-terminal (`script`) with the delay set to zero.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatProgress, progressLine, type ProgressStream } from '../../src/cli/progress.js';
import { CLI, EDITION, removeAll, ROOT, runCli, tempDir } from './runCli.js';

function fakeTerminal(isTTY = true): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

const at = (pages: number, pageCount = 97) => ({ pages, pageCount, words: 200_000 });

describe('progressLine', () => {
  it('shows nothing during the first second, then pages, words and elapsed time, redrawn in place', () => {
    let t = 5000;
    const stream = fakeTerminal();
    const line = progressLine({ stream, now: () => t, json: false });
    t = 5400;
    line.update(at(0));
    t = 5999;
    line.update(at(3));
    expect(stream.written).toEqual([]);
    t = 6000;
    line.update(at(4));
    expect(stream.written).toEqual(['\r\x1b[Kbuilding: page 4 of 97 · 200,000 words · 1.0 s']);
    // redrawn at most every 100 ms, but always for the last page
    t = 6050;
    line.update(at(5));
    expect(stream.written).toHaveLength(1);
    t = 6100;
    line.update(at(6));
    expect(stream.written.at(-1)).toBe('\r\x1b[Kbuilding: page 6 of 97 · 200,000 words · 1.1 s');
    t = 6110;
    line.update(at(97));
    expect(stream.written.at(-1)).toBe('\r\x1b[Kbuilding: page 97 of 97 · 200,000 words · 1.1 s');
    line.done();
    expect(stream.written.at(-1)).toBe('\r\x1b[K');
    expect(stream.written).toHaveLength(4);
  });

  it('writes nothing at all for a quick build, not even the clearing of the line', () => {
    let t = 0;
    const stream = fakeTerminal();
    const line = progressLine({ stream, now: () => t, json: false });
    for (let p = 0; p <= 3; p++) {
      t += 200;
      line.update(at(p, 3));
    }
    line.done();
    expect(stream.written).toEqual([]);
  });

  it('writes nothing when the stream is not a terminal, or with --json, however long the build', () => {
    for (const [isTTY, json] of [
      [false, false],
      [true, true],
    ]) {
      let t = 0;
      const stream = fakeTerminal(isTTY);
      const line = progressLine({ stream, now: () => t, json });
      for (let p = 0; p <= 97; p++) {
        t += 1000;
        line.update(at(p));
      }
      line.done();
      expect(stream.written, `isTTY ${isTTY}, json ${json}`).toEqual([]);
    }
  });

  it('formats the figures', () => {
    expect(formatProgress({ pages: 1, pageCount: 2, words: 1234 }, 12_345)).toBe('building: page 1 of 2 · 1,234 words · 12.3 s');
  });
});

/** Runs the command line with stdout and stderr on a pseudo-terminal (util-linux `script`); what the terminal showed. */
function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

describe('stonehand build progress', () => {
  const env = { STONEHAND_PROGRESS_AFTER_MS: '0' };

  it('on a terminal: the progress line, cleared before the file name is printed', async () => {
    const out = await tempDir();
    try {
      const shown = await onTerminal(['build', EDITION, '--out', out], env);
      expect(shown).toContain('building: page 1 of 1 · ');
      expect(shown).toMatch(/building: page 1 of 1 · [\d,]+ words · \d+\.\d s\r\x1b\[K/);
      expect(shown).toContain('the-morning-ledger-2022-11-15.pdf');
      // with --json: the report only
      const json = await onTerminal(['build', EDITION, '--out', out, '--json'], env);
      expect(json).not.toContain('building:');
      expect(JSON.parse(json.slice(json.indexOf('{'))).pages).toBe(1);
    } finally {
      await removeAll([out]);
    }
  });

  it('piped: nothing but the warnings, the makeup summary and the file name', async () => {
    const out = await tempDir();
    try {
      const result = await runCli(['build', EDITION, '--out', out], { env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('building:');
      expect(result.stderr).not.toContain('\r');
      expect(result.stdout.trim()).toMatch(/the-morning-ledger-2022-11-15\.pdf$/);
    } finally {
      await removeAll([out]);
    }
  });
});
