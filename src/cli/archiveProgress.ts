// The archive command's progress: on a terminal one line redrawn in place (editions done of
// those to build, pages, elapsed, ETA); piped, a plain line per edition built or failed.
import type { ArchiveEvent } from '../archive/runArchive.js';
import type { Warning } from '../model/errors.js';
import type { ProgressStream } from './progress.js';

export interface ArchiveProgress {
  event(event: ArchiveEvent): void;
  /** clears the line, if one is shown */
  done(): void;
}

const seconds = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

/** "archive: 12 of 100 editions · 340 pages · 12.3 s · ETA 1 min 30 s" */
export function formatArchiveProgress(done: number, total: number, pages: number, elapsedMs: number): string {
  const eta = done > 0 && done < total ? ` · ETA ${seconds((elapsedMs / done) * (total - done))}` : '';
  return `archive: ${done} of ${total} editions · ${pages} pages · ${seconds(elapsedMs)}${eta}`;
}

/**
 * `describe` writes a warning of an edition's build as a line (file:line:col: warning: …): each
 * is shown before its edition's line.
 */
export function archiveProgress(stream: ProgressStream, now: () => number, escape: (line: string) => string, describe: (warning: Warning) => string): ArchiveProgress {
  const start = now();
  let total = 0;
  let done = 0;
  let pages = 0;
  let shown = false;
  const draw = () => {
    stream.write(`\r\x1b[K${formatArchiveProgress(done, total, pages, now() - start)}`);
    shown = true;
  };
  return {
    event(event) {
      if (event.type === 'start') {
        total = event.toBuild;
        if (stream.isTTY && total > 0) draw();
        return;
      }
      done++;
      if (event.type === 'built') pages += event.pages;
      const warnings = event.type === 'built' ? event.warnings.map((w) => `${escape(describe(w))}\n`).join('') : '';
      if (stream.isTTY) {
        if (warnings) stream.write(`\r\x1b[K${warnings}`);
        if (event.type === 'failed') stream.write(`\r\x1b[K${escape(`failed: ${event.date}: ${event.message}`)}\n`);
        draw();
      } else {
        stream.write(`${warnings}${escape(event.type === 'built' ? `built ${event.date} (${event.pages} page${event.pages === 1 ? '' : 's'})` : `failed: ${event.date}: ${event.message}`)}\n`);
      }
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
