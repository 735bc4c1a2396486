// Diagnostics as compilers print them, their JSON form, and the arguments yargs cannot be given
// as they are (`-` and what follows `--`). Data in, text out: no process is run.
import { describe, expect, it } from 'vitest';
import { errorDiagnostic, formatDiagnostic, warningDiagnostic } from '../../src/cli/diagnostics.js';
import { JSON_SCHEMA_VERSION, jsonFailure, jsonReport } from '../../src/cli/jsonOutput.js';
import { asksForJson, protectArguments } from '../../src/cli/rawArguments.js';
import { ContentError, WarningsAsErrors } from '../../src/model/errors.js';

describe('formatDiagnostic', () => {
  it('puts file:line:col and the severity first, as gcc and typst do; less when less is known', () => {
    const warning = { code: 'glyph-substituted', file: 'a.md', message: 'no font has "！"' };
    expect(formatDiagnostic(warningDiagnostic({ ...warning, line: 2, column: 14 }))).toBe('a.md:2:14: warning: no font has "！"');
    expect(formatDiagnostic(warningDiagnostic({ ...warning, line: 33 }, 'note'))).toBe('a.md:33: note: no font has "！"');
    expect(formatDiagnostic(warningDiagnostic(warning))).toBe('a.md: warning: no font has "！"');
    // a column without a line is no place: dropped
    expect(warningDiagnostic({ ...warning, column: 3 }).location).toEqual({ file: 'a.md', line: null, column: null });
    expect(formatDiagnostic(errorDiagnostic(new ContentError('e.yaml', 'not valid YAML', { line: 4, column: 7 })))).toBe('e.yaml:4:7: error: not valid YAML');
    expect(formatDiagnostic(errorDiagnostic(new Error('give a command'), 'usage-error'))).toBe('stonehand: error: give a command');
  });

  it('escapes control characters of file names and messages', () => {
    expect(formatDiagnostic(warningDiagnostic({ code: 'x', file: 'evil\u001b[2J.md', line: 1, message: 'bad \u202e text' }))).toBe('evil\\x1b[2J.md:1: warning: bad \\u202e text');
  });

  it('a --strict failure keeps the first warning\'s place and every warning', () => {
    const warnings = [
      { code: 'line-not-placed', file: 'w.txt', line: 5, message: 'could not be placed (x): y' },
      { code: 'photo-missing', file: 'p.jpg', message: 'photo not found' },
    ];
    const error = new WarningsAsErrors(warnings);
    expect(error.located).toBe('w.txt:5: could not be placed (x): y (--strict: warnings are errors; 1 more)');
    expect(errorDiagnostic(error, 'warnings-as-errors').location).toEqual({ file: 'w.txt', line: 5, column: null });
    expect(error.warnings).toBe(warnings);
  });
});

describe('JSON reports', () => {
  it('a success: schemaVersion, command and ok first, then the body', () => {
    const report = jsonReport('preflight', false, { file: 'a.pdf', findings: [] });
    expect(Object.keys(report)).toEqual(['schemaVersion', 'command', 'ok', 'file', 'findings']);
    expect(report.schemaVersion).toBe(JSON_SCHEMA_VERSION);
  });

  it('a failure: the exit status, the error and the warnings, without severities', () => {
    const error = errorDiagnostic(new ContentError('a.md', 'no headline', { line: 2 }));
    const warning = warningDiagnostic({ code: 'draft', file: 'a.md', message: 'is marked draft' });
    expect(jsonFailure('build', 1, error, [warning])).toEqual({
      schemaVersion: JSON_SCHEMA_VERSION,
      command: 'build',
      ok: false,
      exitCode: 1,
      error: { code: 'content-error', message: 'no headline', location: { file: 'a.md', line: 2, column: null } },
      warnings: [{ code: 'draft', message: 'is marked draft', location: { file: 'a.md', line: null, column: null } }],
    });
  });
});

describe('protectArguments', () => {
  it('hands `-` and everything after `--` to yargs as placeholders, and restores them', () => {
    const p = protectArguments(['build', '-o', '-', '--json', '--', '-x.md', '--strict']);
    expect(p.args.slice(0, 2)).toEqual(['build', '-o']);
    expect(p.args[3]).toBe('--json');
    expect(p.args).toHaveLength(6); // `--` itself is dropped
    for (const placeholder of [p.args[2], p.args[4], p.args[5]]) expect(placeholder.startsWith('-')).toBe(false);
    expect([p.restore(p.args[2]), p.restore(p.args[4]), p.restore(p.args[5])]).toEqual(['-', '-x.md', '--strict']);
    expect(p.restore('output')).toBe('output');
    expect(p.restore(true)).toBe(true);
    expect(p.restoreText(`Unknown argument: ${p.args[5]}`)).toBe('Unknown argument: --strict');
  });

  it('leaves a command line without them as it is', () => {
    const args = ['build', 'content/2024-03-12', '--out', 'x', '--json'];
    expect(protectArguments(args).args).toEqual(args);
  });
});

describe('asksForJson', () => {
  it('sees --json before `--` only, the last of --json and --no-json winning', () => {
    expect(asksForJson(['build', '--json'])).toBe(true);
    expect(asksForJson(['build', '--json', '--no-json'])).toBe(false);
    expect(asksForJson(['build', '--', '--json'])).toBe(false);
    expect(asksForJson(['build', '--json=true'])).toBe(true);
    expect(asksForJson(['build'])).toBe(false);
  });
});
