/**
 * Bad input: a file we were given is wrong. The CLI prints `message` (which names the
 * file and the problem) without a stack trace and exits with status 1.
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    /** where in the file (1-based), when the problem is at one place (see `located`); a whole line has no column */
    readonly at?: { line: number; column?: number },
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ContentError';
  }

  /** The message as compilers print it, for the terminal: `file:line:col: problem` (or `file:line: problem`, `file: problem`). */
  get located(): string {
    return this.at ? `${this.file}:${this.at.line}${this.at.column !== undefined ? `:${this.at.column}` : ''}: ${this.problem}` : this.message;
  }
}

/**
 * Something the user must hear about but that does not stop a non-strict build (or, as a
 * build's note, what it filled in or left out on its own).
 */
export interface Warning {
  /** what kind of warning, stable across versions and kebab-case (`photo-missing`): for scripts reading `--json` */
  code: string;
  /** the file concerned (article, photo or edition) */
  file: string;
  /** where in the file (1-based), when known; a whole line has no column */
  line?: number;
  column?: number;
  /** what is wrong, without the place (the command line puts `file:line:col` before it) */
  message: string;
}

/**
 * A `--strict` build that warned: an error at the first warning's place, saying how many more
 * there are; all of them are kept for a report (`--json`).
 */
export class WarningsAsErrors extends ContentError {
  constructor(readonly warnings: Warning[]) {
    const first = warnings[0];
    super(
      first.file,
      `${first.message} (--strict: warnings are errors${warnings.length > 1 ? `; ${warnings.length - 1} more` : ''})`,
      first.line !== undefined ? { line: first.line, ...(first.column !== undefined ? { column: first.column } : {}) } : undefined,
    );
    this.name = 'WarningsAsErrors';
  }
}
