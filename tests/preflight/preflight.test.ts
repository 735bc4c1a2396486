import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/model/errors.js';
import { formatPreflight, preflightPdf, type PreflightResult } from '../../src/preflight/index.js';
import { appendUpdate, blackText, browserPdf, jpeg, pressPdf } from './fixtures.js';

/** The rules with errors, sorted and without repeats. */
function errorRules(result: PreflightResult): string[] {
  return [...new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
}

function allRules(result: PreflightResult): string[] {
  return [...new Set(result.findings.map((f) => f.rule))].sort();
}

/** A press page done right: embedded font, 100 % K text, a CMYK rule, a grey photo at 500 ppi. */
async function goodPage(doc: PDFKit.PDFDocument): Promise<void> {
  blackText(doc);
  doc.rect(20, 60, 260, 1).fillColor([0, 0, 0, 100]).fill();
  doc.image(await jpeg(1000, 800), 20, 80, { width: 144 }); // 2 in wide: 500 ppi
}

describe('preflightPdf on pdfkit PDFs', () => {
  it('passes a press PDF built by the rules', async () => {
    const pdf = await pressPdf(goodPage);
    const result = preflightPdf(pdf, 'good.pdf');
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ file: 'good.pdf', pages: 1, passed: true });
  });

  it('passes the same file uncompressed', async () => {
    const result = preflightPdf(await pressPdf(goodPage, { compress: false }), 'good.pdf');
    expect(result.findings).toEqual([]);
  });

  it('flags an RGB fill', async () => {
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.rect(20, 60, 100, 20).fillColor('#cc0000').fill();
    });
    const result = preflightPdf(pdf, 'rgb.pdf');
    expect(allRules(result)).toEqual(['colour']);
    expect(result.passed).toBe(false);
    expect(result.findings[0]).toMatchObject({ rule: 'colour', severity: 'error', page: 1, object: 'content' });
    expect(result.findings[0].message).toMatch(/RGB fill colour space DeviceRGB/);
  });

  it('flags an RGB image', async () => {
    const photo = await jpeg(1000, 800, true);
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.image(photo, 20, 80, { width: 144 });
    });
    const result = preflightPdf(pdf, 'rgbimage.pdf');
    expect(allRules(result)).toEqual(['colour']);
    expect(result.findings).toEqual([
      { rule: 'colour', severity: 'error', page: 1, object: 'image /I1', message: 'RGB colour space DeviceRGB' },
    ]);
  });

  it('flags a 72 ppi photo as an error and a 150 ppi one as a warning', async () => {
    const low = await jpeg(144, 100); // 2 in wide: 72 ppi
    const pdf = await pressPdf(async (doc) => {
      blackText(doc);
      doc.image(low, 20, 80, { width: 144 });
    });
    const result = preflightPdf(pdf, 'lowres.pdf');
    expect(allRules(result)).toEqual(['resolution']);
    expect(result.findings).toEqual([
      { rule: 'resolution', severity: 'error', page: 1, object: 'image /I1', message: 'effective resolution 72 ppi < 200 ppi (newsprint)' },
    ]);

    const mid = await jpeg(300, 200); // 150 ppi
    const warned = preflightPdf(
      await pressPdf((doc) => {
        blackText(doc);
        doc.image(mid, 20, 80, { width: 144 });
      }),
      'mid.pdf',
    );
    expect(warned.passed).toBe(true);
    expect(warned.findings).toEqual([
      { rule: 'resolution', severity: 'warning', page: 1, object: 'image /I1', message: 'effective resolution 150 ppi < 200 ppi (newsprint)' },
    ]);
    // the same photo is an error on coated paper (target 300 ppi): but so is the newsprint intent
    const coated = preflightPdf(
      await pressPdf(
        (doc) => {
          blackText(doc);
          doc.image(mid, 20, 80, { width: 144 });
        },
        { outputCondition: 'FOGRA39' },
      ),
      'mid.pdf',
      { condition: 'coated' },
    );
    expect(coated.findings).toEqual([
      { rule: 'resolution', severity: 'warning', page: 1, object: 'image /I1', message: 'effective resolution 150 ppi < 300 ppi (coated)' },
    ]);
  });

  it('measures the resolution through rotated and scaled placements', async () => {
    const photo = await jpeg(400, 400); // 400 px on 1 in = 400 ppi, then halved by a 2× scale
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.save();
      doc.rotate(30, { origin: [150, 200] });
      doc.scale(2);
      doc.image(photo, 20, 20, { width: 72, height: 72 });
      doc.restore();
      doc.image(photo, 20, 300, { width: 72 * 3, height: 72 }); // 133 ppi across, 400 ppi down
    });
    const result = preflightPdf(pdf, 'rotated.pdf');
    expect(result.findings.map((f) => [f.severity, f.message])).toEqual([['warning', 'effective resolution 133 ppi < 200 ppi (newsprint)']]);
  });

  it('flags a page without a TrimBox', async () => {
    const result = preflightPdf(await pressPdf(blackText, { trimBox: null }), 'notrim.pdf');
    expect(allRules(result)).toEqual(['boxes']);
    expect(result.findings).toEqual([{ rule: 'boxes', severity: 'error', page: 1, message: 'no TrimBox (or ArtBox)' }]);
  });

  it('flags a BleedBox smaller than the TrimBox', async () => {
    const result = preflightPdf(await pressPdf(blackText, { trimBox: [12, 12, 288, 388], bleedBox: [20, 20, 280, 380] }), 'bleed.pdf');
    expect(allRules(result)).toEqual(['boxes']);
    expect(result.findings[0].message).toBe('TrimBox [12 12 288 388] is not inside BleedBox [20 20 280 380]');
  });

  it('flags a BleedBox outside the MediaBox', async () => {
    const result = preflightPdf(await pressPdf(blackText, { bleedBox: [-5, 0, 300, 400] }), 'media.pdf');
    expect(allRules(result)).toEqual(['boxes']);
    expect(result.findings[0].message).toBe('BleedBox [-5 0 300 400] is not inside MediaBox [0 0 300 400]');
  });

  it('flags a file without an output intent', async () => {
    const result = preflightPdf(await pressPdf(blackText, { outputCondition: null }), 'nointent.pdf');
    expect(allRules(result)).toEqual(['output-intent']);
    expect(result.findings[0].message).toMatch(/no \/OutputIntents/);
  });

  it('flags an output intent for the wrong printing condition, naming both', async () => {
    const coatedFile = await pressPdf(blackText, { outputCondition: 'FOGRA39' });
    const result = preflightPdf(coatedFile, 'coated.pdf');
    expect(allRules(result)).toEqual(['output-intent']);
    expect(result.findings[0].message).toBe(
      'output condition "FOGRA39" is for coated paper, but the press condition is newsprint (a newspaper condition of ISO 12647-3 such as WAN-IFRAnewspaper26v5)',
    );
    // and the other way round
    expect(preflightPdf(coatedFile, 'coated.pdf', { condition: 'coated' }).findings).toEqual([]);
    const news = preflightPdf(await pressPdf(blackText), 'news.pdf', { condition: 'coated' });
    expect(allRules(news)).toEqual(['output-intent']);
    expect(news.findings[0].message).toMatch(/"WAN-IFRAnewspaper26v5" is for newsprint paper, but the press condition is coated/);
  });

  it('flags Helvetica, the standard font pdfkit does not embed', async () => {
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.font('Helvetica').fontSize(9).text('Set in Helvetica', 20, 50, { lineBreak: false });
    });
    const result = preflightPdf(pdf, 'helvetica.pdf');
    expect(allRules(result)).toEqual(['fonts']);
    expect(result.findings).toEqual([
      { rule: 'fonts', severity: 'error', page: 1, object: 'font /F1 (Helvetica)', message: 'standard 14 font Helvetica is not embedded' },
    ]);
  });

  it('flags opacity', async () => {
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.opacity(0.5).rect(20, 60, 100, 20).fillColor([0, 0, 0, 100]).fill();
    });
    const result = preflightPdf(pdf, 'opacity.pdf');
    expect(allRules(result)).toEqual(['transparency']);
    expect(result.findings[0]).toMatchObject({ severity: 'error', page: 1, message: 'opacity /CA 0.5 /ca 0.5 (must be 1)' });
    expect(result.findings[0].object).toMatch(/^ExtGState \/Gs1$/);
  });

  it('flags a missing /Trapped key, and /Trapped /Unknown', async () => {
    const missing = preflightPdf(await pressPdf(blackText, { trapped: null }), 'untrapped.pdf');
    expect(allRules(missing)).toEqual(['pdfx-info']);
    expect(missing.findings).toEqual([{ rule: 'pdfx-info', severity: 'error', object: 'Info', message: 'no /Trapped key (it must be /True or /False)' }]);
    const unknown = preflightPdf(await pressPdf(blackText, { trapped: 'Unknown' }), 'unknown.pdf');
    expect(unknown.findings.map((f) => f.message)).toEqual(['/Trapped is /Unknown; it must be /True or /False']);
  });

  it('flags missing PDF/X version keys', async () => {
    const result = preflightPdf(await pressPdf(blackText, { pdfxVersion: null }), 'nox.pdf');
    expect(allRules(result)).toEqual(['pdfx-info']);
    expect(result.findings.map((f) => f.message)).toEqual(['no /GTS_PDFXVersion', 'no /GTS_PDFXConformance (PDF/X-1a:2001)']);
  });

  it('reads an incremental update (/Prev): the newer page object wins', async () => {
    const pdf = await pressPdf(blackText, { compress: false });
    const text = pdf.toString('latin1');
    // the page object, rewritten without its TrimBox
    const m = /(\d+) 0 obj\n(<<\n\/Type \/Page\n[\s\S]*?>>)\nendobj/.exec(text)!;
    const updated = appendUpdate(pdf, { [Number(m[1])]: m[2].replace(/\/TrimBox \[[^\]]*\]\n/, '') }, '');
    const result = preflightPdf(updated, 'updated.pdf');
    expect(result.findings.map((f) => f.rule)).toEqual(['boxes']);
    // the trailer /Root, /Info and /ID come from the older trailer through /Prev
    expect(preflightPdf(pdf, 'original.pdf').findings).toEqual([]);
  });

  it('recovers a file whose cross-reference data is broken, and says so', async () => {
    const pdf = await pressPdf(goodPage);
    const text = pdf.toString('latin1');
    const at = text.lastIndexOf('startxref');
    const broken = Buffer.concat([pdf.subarray(0, at), Buffer.from('startxref\n123\n%%EOF\n')]);
    const result = preflightPdf(broken, 'broken.pdf');
    expect(allRules(result)).toEqual(['structure']);
    expect(result.passed).toBe(true);
    expect(result.findings[0].message).toMatch(/recovered by scanning/);

    // offsets shifted by junk inserted after the header: found by scanning too
    const shifted = Buffer.concat([pdf.subarray(0, 15), Buffer.from('% some junk\n'), pdf.subarray(15)]);
    const r2 = preflightPdf(shifted, 'shifted.pdf');
    expect(errorRules(r2)).toEqual([]);
    expect(r2.findings.map((f) => f.rule)).toContain('structure');
  });
});

describe('preflightPdf on a browser-printed PDF', () => {
  it('parses the xref stream and object stream, and flags RGB, boxes and the rest', () => {
    const result = preflightPdf(browserPdf(), 'browser.pdf');
    expect(result.pages).toBe(1);
    expect(result.passed).toBe(false);
    expect(errorRules(result)).toEqual(['boxes', 'colour', 'output-intent', 'pdfx-info', 'version']);
    expect(allRules(result)).toEqual(['boxes', 'colour', 'output-intent', 'pdfx-info', 'version']);
    const messages = result.findings.map((f) => `${f.rule}: ${f.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'version: PDF/X-1a:2001 needs PDF 1.3-compatible objects; file is PDF 1.5',
        'version: cross-reference streams (PDF 1.5) are not allowed in PDF/X-1a',
        'version: object streams (PDF 1.5) are not allowed in PDF/X-1a',
        'colour: RGB fill colour (rg)',
        'boxes: no TrimBox (or ArtBox)',
        'boxes: no BleedBox (it defaults to the CropBox: no bleed)',
        'pdfx-info: no /ID in the trailer',
      ]),
    );
    // the font, packed in the object stream, was found embedded
    expect(result.findings.some((f) => f.rule === 'fonts')).toBe(false);
  });
});

describe('preflightPdf on something else', () => {
  it('refuses bytes that are not a PDF', () => {
    const garbage = Buffer.from('GIF89a\x01\x00\x01\x00 this is no PDF at all', 'latin1');
    expect(() => preflightPdf(garbage, 'photo.gif')).toThrow(ContentError);
    expect(() => preflightPdf(garbage, 'photo.gif')).toThrow('photo.gif: is not a PDF: no %PDF- header');
    expect(() => preflightPdf(new Uint8Array(0), 'empty.pdf')).toThrow(ContentError);
  });

  it('reads damaged bytes or refuses them with a ContentError, never anything else', async () => {
    const sources = [await pressPdf(goodPage), browserPdf()];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let read = 0;
    for (let i = 0; i < 300; i++) {
      let bytes = Buffer.from(sources[i % 2]);
      if (i % 3 === 0) for (let k = 0; k < 1 + random() * 20; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      else if (i % 3 === 1) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
      else {
        const at = Math.floor(random() * bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + Math.floor(random() * 200))]);
      }
      try {
        preflightPdf(bytes, 'damaged.pdf');
        read++;
      } catch (e) {
        expect(e).toBeInstanceOf(ContentError);
      }
    }
    expect(read).toBeGreaterThan(100);
  });

  it('refuses a PDF header with nothing behind it', () => {
    const stub = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Foo (bar) >>\nendobj\n', 'latin1');
    expect(() => preflightPdf(stub, 'stub.pdf')).toThrow(/stub\.pdf: is not a PDF: no document catalog/);
  });
});

describe('formatPreflight', () => {
  it('prints a summary line and one line per finding', async () => {
    const low = await jpeg(144, 100);
    const pdf = await pressPdf((doc) => {
      blackText(doc);
      doc.image(low, 20, 80, { width: 144 });
    });
    const text = formatPreflight(preflightPdf(pdf, 'late.pdf'));
    expect(text.split('\n')).toEqual([
      'late.pdf: preflight FAILED (1 page, 1 error, 0 warnings)',
      '  error   resolution    page 1, image /I1: effective resolution 72 ppi < 200 ppi (newsprint)',
    ]);
  });
});
