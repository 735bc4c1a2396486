// Decompression bombs: a few kilobytes of PDF whose streams expand to gigabytes. Preflight
// bounds what it inflates (per stream by ratio and size, per document in all) and reports the
// bomb as a finding, in bounded memory, instead of spending 9 GB on it.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DECODE_FLOOR, DecodeBudget, DecompressionBomb, decodeFilters } from '../../src/preflight/filters.js';
import { preflightPdf } from '../../src/preflight/index.js';
import { PdfDict, PdfName } from '../../src/preflight/objects.js';
import { classicPdf, handPressPdf } from './fixtures.js';

const pdfName = (name: string) => new PdfName(name);

/** `megabytes` of zeros deflated `times` times over. */
function zeros(megabytes: number, times: number): Buffer {
  let data = deflateSync(Buffer.alloc(megabytes << 20));
  for (let i = 1; i < times; i++) data = deflateSync(data);
  return data;
}

const FLATE2 = '/Filter [/FlateDecode /FlateDecode]';

describe('decompression bombs', () => {
  const bomb = zeros(200, 2); // a few hundred bytes that expand to 200 MB

  it('are refused by the filters before the memory is spent', () => {
    expect(bomb.length).toBeLessThan(2000);
    const dict = new PdfDict();
    dict.map.set('Filter', [pdfName('FlateDecode'), pdfName('FlateDecode')]);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeFilters(bomb, dict, (v) => v)).toThrow(DecompressionBomb);
    expect(() => decodeFilters(bomb, dict, (v) => v)).toThrow(/decompression bomb: a stream of \d+ bytes expands beyond 1 MiB/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    // an honest stream decodes as before
    dict.map.set('Filter', pdfName('FlateDecode'));
    const text = Buffer.from('BT /F1 10 Tf (Text) Tj ET '.repeat(1000));
    expect(Buffer.from(decodeFilters(deflateSync(text), dict, (v) => v))).toEqual(text);
  });

  it('count against one budget per document', () => {
    const dict = new PdfDict();
    dict.map.set('Filter', pdfName('FlateDecode'));
    const budget = new DecodeBudget(3 * DECODE_FLOOR);
    const mega = deflateSync(Buffer.alloc(DECODE_FLOOR - 16)); // just under a stream's floor
    decodeFilters(mega, dict, (v) => v, budget);
    decodeFilters(mega, dict, (v) => v, budget);
    decodeFilters(mega, dict, (v) => v, budget);
    expect(() => decodeFilters(mega, dict, (v) => v, budget)).toThrow(/the document's streams expand beyond 3 MiB in all/);
  });

  it('in a PDF are a finding, found in bounded memory', () => {
    const forms = [10, 11, 12, 13].map((num) => ({ num, body: `<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] ${FLATE2} /Length ${bomb.length} >>`, stream: bomb }));
    // a predictor whose rows are a gigabyte long
    const wide = { num: 14, body: `<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000 >> >>`, stream: 'q Q', flate: true };
    const pdf = handPressPdf({
      resources: '/XObject << /B0 10 0 R /B1 11 0 R /B2 12 0 R /B3 13 0 R /W 14 0 R >>',
      content: '/B0 Do /B1 Do /B2 Do /B3 Do /W Do BT /F1 10 Tf 72 700 Td (Text) Tj ET',
      objects: [...forms, wide],
    });
    expect(pdf.length).toBeLessThan(8 * 1024);
    const before = process.memoryUsage();
    const result = preflightPdf(pdf, 'bomb.pdf');
    const after = process.memoryUsage();
    expect(result.passed).toBe(false);
    const bombs = result.findings.filter((f) => /decompression bomb/.test(f.message));
    expect(bombs.length).toBeGreaterThanOrEqual(1);
    expect(bombs[0]).toMatchObject({ rule: 'structure', severity: 'error', page: 1 });
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 << 20);
    expect(after.rss - before.rss).toBeLessThan(256 << 20);
  });

  it('in the cross-reference data (rows of no bytes a trillion times, fields of a billion bytes) are refused at once, not read', () => {
    for (const w of ['[0 0 0]', '[1 1000000000 1]']) {
      const head = '%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
      const xref = `3 0 obj\n<< /Type /XRef /W ${w} /Index [0 1000000000000] /Size 4 /Root 1 0 R /Length 3 >>\nstream\nabc\nendstream\nendobj\n`;
      const pdf = Buffer.from(`${head}${xref}startxref\n${head.length}\n%%EOF\n`, 'latin1');
      // read by scanning for its objects, the bad cross-reference data named, not walked
      // (it used to fill a Map to its limit, 16 million entries, for 9 s)
      const result = preflightPdf(pdf, 'xref.pdf');
      expect(result.findings.map((f) => f.message)).toContain(`cross-reference data unusable (cross-reference stream with bad /W ${w}); objects recovered by scanning the file`);
    }
  });
});
