// Diagnostics as compilers print them. Data in, text out: no process is run.
import { describe, expect, it } from 'vitest';
import { errorDiagnostic, formatDiagnostic, warningDiagnostic } from '../../src/cli/diagnostics.js';
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
