/**
 * Bad input: a file we were given is wrong. The CLI prints `message` (which names the
 * file and the problem) without a stack trace and exits with status 1.
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    /** where in the file (1-based), when the problem is at one place (see `located`) */
    readonly at?: { line: number; column: number },
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ContentError';
  }

  /** The message as compilers print it, for the terminal: `file:line:col: problem` (or `file: problem`). */
  get located(): string {
    return this.at ? `${this.file}:${this.at.line}:${this.at.column}: ${this.problem}` : this.message;
  }
}

/** Something the user must hear about but that does not stop a non-strict build. */
export interface Warning {
  /** the file concerned (article, photo or edition) */
  file: string;
  message: string;
}
