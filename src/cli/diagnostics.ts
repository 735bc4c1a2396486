// Messages as compilers print them (gcc, clang, typst): `file:line:col: error: …`, and
// `warning:` and `note:` likewise, so that editors and CI annotators find the place. The same
// facts, as data, go into `--json` reports (see jsonOutput.ts).
import { ContentError, type Warning } from '../model/errors.js';
import { escapeControls } from './escapeControls.js';

export type Severity = 'error' | 'warning' | 'note';

/** Where a diagnostic is: a file and, when known, the line and column in it (1-based). */
export interface Location {
  file: string | null;
  line: number | null;
  column: number | null;
}

export interface Diagnostic {
  severity: Severity;
  /** stable, kebab-case: what kind of problem (`photo-missing`, `content-error`, `usage-error`) */
  code: string;
  message: string;
  location: Location;
}

/** A build's warning (or note) as a diagnostic. */
export function warningDiagnostic(warning: Warning, severity: Severity = 'warning'): Diagnostic {
  return {
    severity,
    code: warning.code,
    message: warning.message,
    location: { file: warning.file, line: warning.line ?? null, column: warning.line !== undefined ? (warning.column ?? null) : null },
  };
}

/**
 * An error as a diagnostic: bad content names its file and place (code `content-error`), a
 * usage error has none (`usage-error`), anything else is a fault of Stonehand's (`internal-error`).
 */
export function errorDiagnostic(error: unknown, code?: string): Diagnostic {
  if (error instanceof ContentError) {
    return {
      severity: 'error',
      code: code ?? 'content-error',
      message: error.problem,
      location: { file: error.file, line: error.at?.line ?? null, column: error.at?.column ?? null },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { severity: 'error', code: code ?? 'internal-error', message, location: { file: null, line: null, column: null } };
}

/**
 * `file:line:col: severity: message` (`file:line:`, `file:` when less is known; `stonehand:`
 * when no file is concerned), its control characters escaped for the terminal.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column } = d.location;
  const where = file === null ? 'stonehand' : [file, ...(line !== null ? [line, ...(column !== null ? [column] : [])] : [])].join(':');
  return escapeControls(`${where}: ${d.severity}: ${d.message}`);
}
