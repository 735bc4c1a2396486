// `stonehand preflight`: passes our press PDFs, fails what a plant would reject, exit 0 / 1.
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITION, PDF_NAME, removeAll, runCli, tempDir } from './runCli.js';

const made: string[] = [];
let out: string;

beforeAll(async () => {
  out = await tempDir('stonehand-preflight-');
  made.push(out);
  for (const [dir, args] of [[out, []], [out, ['--profile', 'office']], [join(out, 'coated'), ['--condition', 'coated']]] as const) {
    const built = await runCli(['build', EDITION, '--out', dir, ...args]);
    expect(built.status, built.stderr).toBe(0);
  }
});
afterAll(() => removeAll(made));

describe('stonehand preflight', () => {
  it('passes our press PDF (newsprint) with exit 0', async () => {
    const result = await runCli(['preflight', join(out, '2022-11-15', PDF_NAME)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/preflight passed \(1 page, 0 errors, 0 warnings\)/);
  });

  it('passes a coated build against the coated condition, and fails it against newsprint', async () => {
    const file = join(out, 'coated', '2022-11-15', PDF_NAME);
    expect((await runCli(['preflight', file, '--condition', 'coated'])).status).toBe(0);
    const wrong = await runCli(['preflight', file]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('FOGRA39');
  });

  it('fails the office PDF (no boxes, no output intent, no PDF/X keys) with each finding and exit 1', async () => {
    const result = await runCli(['preflight', join(out, '2022-11-15', PDF_NAME.replace('.pdf', '-office.pdf')), '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { passed: boolean; findings: { rule: string; severity: string }[] };
    expect(report.passed).toBe(false);
    const rules = new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
    expect([...rules].sort()).toEqual(['boxes', 'output-intent', 'pdfx-info']);
  });

  it('refuses a file that is not a PDF with one message and exit 1', async () => {
    const file = join(out, 'notes.pdf');
    await writeFile(file, 'just some text\n');
    const result = await runCli(['preflight', file]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`${file}: error: is not a PDF: no %PDF- header`]);
  });

  it('names a missing file', async () => {
    const result = await runCli(['preflight', join(out, 'missing.pdf')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing.pdf: error: file not found');
  });
});
