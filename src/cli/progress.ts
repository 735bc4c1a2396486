// Build progress on a terminal: one line, redrawn in place (pages painted of the edition's,
// its words, time elapsed), shown only once the work has taken more than a second, and only
// when stderr is a terminal and the output is not JSON. Piped, a build writes nothing extra.
import type { BuildProgress } from '../build/buildEdition.js';

/** Where the line goes: stderr, or a fake of it in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** milliseconds since some fixed point (performance.now; a fake clock in tests) */
  now: () => number;
  /** --json: the report alone, nothing else */
  json: boolean;
  /** work shorter than this shows nothing (ms) */
  after?: number;
  /** the line is redrawn at most this often (ms), and always for the last page */
  every?: number;
}

export interface ProgressLine {
  update(progress: BuildProgress): void;
  /** clears the line, if one was shown (before the warnings and the file names are printed) */
  done(): void;
}

/** Shown after a second of work. */
export const PROGRESS_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/** The progress line of a build started now; a no-op when the stream is no terminal, or with --json. */
export function progressLine(options: ProgressOptions): ProgressLine {
  const { stream, now, json } = options;
  if (json || !stream.isTTY) return { update: () => {}, done: () => {} };
  const after = options.after ?? PROGRESS_AFTER_MS;
  const every = options.every ?? REDRAW_EVERY_MS;
  const start = now();
  let shown = false;
  let drawnAt = -Infinity;
  return {
    update(progress) {
      const t = now();
      if (t - start < after) return;
      if (t - drawnAt < every && progress.pages < progress.pageCount) return;
      drawnAt = t;
      shown = true;
      stream.write(`\r\x1b[K${formatProgress(progress, t - start)}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** "building: page 12 of 97 · 200,000 words · 3.4 s" */
export function formatProgress(progress: BuildProgress, elapsedMs: number): string {
  const words = progress.words.toLocaleString('en-US');
  return `building: page ${progress.pages} of ${progress.pageCount} · ${words} words · ${(elapsedMs / 1000).toFixed(1)} s`;
}
