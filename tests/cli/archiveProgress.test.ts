// The archive's progress: a line redrawn on a terminal (done of total, pages, elapsed, ETA),
// plain lines per edition when piped.
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../src/model/errors.js';
import { archiveProgress, formatArchiveProgress } from '../../src/cli/archiveProgress.js';

const fake = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (t: string) => out.push(t) } };
};

const MISSING_PHOTO: Warning = { code: 'photo-missing', file: 'a.md', message: 'photo not found' };
const describe_ = (w: Warning) => `${w.file}: warning: ${w.message}`;

describe('archive progress', () => {
  it('gives editions done of total, pages, elapsed and the time left at the pace so far', () => {
    expect(formatArchiveProgress(25, 100, 60, 10_000)).toBe('archive: 25 of 100 editions · 60 pages · 10.0 s · ETA 30.0 s');
    expect(formatArchiveProgress(10, 100, 20, 60_000)).toBe('archive: 10 of 100 editions · 20 pages · 1 min 0 s · ETA 9 min 0 s');
    expect(formatArchiveProgress(100, 100, 250, 5_000)).toBe('archive: 100 of 100 editions · 250 pages · 5.0 s');
  });

  it('redraws one line on a terminal, failures on their own line, and clears it at the end', () => {
    const { out, stream } = fake(true);
    let t = 0;
    const p = archiveProgress(stream, () => t, (s) => s, describe_);
    p.event({ type: 'start', total: 3, toBuild: 2, skipped: 1 });
    t = 2000;
    p.event({ type: 'built', date: '2024-01-02', pages: 4, warnings: [MISSING_PHOTO] });
    t = 3000;
    p.event({ type: 'failed', date: '2024-01-03', message: 'bad.md: no headline' });
    p.done();
    expect(out).toEqual([
      '\r\x1b[Karchive: 0 of 2 editions · 0 pages · 0.0 s',
      '\r\x1b[Ka.md: warning: photo not found\n',
      '\r\x1b[Karchive: 1 of 2 editions · 4 pages · 2.0 s · ETA 2.0 s',
      '\r\x1b[Kfailed: 2024-01-03: bad.md: no headline\n',
      '\r\x1b[Karchive: 2 of 2 editions · 4 pages · 3.0 s',
      '\r\x1b[K',
    ]);
  });

  it('writes a plain line per edition when piped', () => {
    const { out, stream } = fake(false);
    const p = archiveProgress(stream, () => 0, (s) => s, describe_);
    p.event({ type: 'start', total: 2, toBuild: 2, skipped: 0 });
    p.event({ type: 'built', date: '2024-01-02', pages: 4, warnings: [] });
    p.event({ type: 'failed', date: '2024-01-03', message: 'bad' });
    p.event({ type: 'built', date: '2024-01-04', pages: 1, warnings: [MISSING_PHOTO] });
    p.done();
    expect(out).toEqual(['built 2024-01-02 (4 pages)\n', 'failed: 2024-01-03: bad\n', 'a.md: warning: photo not found\nbuilt 2024-01-04 (1 page)\n']);
  });
});
