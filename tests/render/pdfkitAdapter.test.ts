// pdfkit's internals are read in one module (src/render/pdfkitAdapter.ts). When a pdfkit
// upgrade moves them, this is the test that fails, saying what is gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { create } from 'fontkit';
import { catalog, currentFont, currentPage, newRef, openImage, registerFontObject, replaceXmpInfo, setFileId, structTreeRoot } from '../../src/render/pdfkitAdapter.js';
import { FONT_FILES } from '../../src/text/fontFiles.js';
import { ROOT } from '../cli/runCli.js';

/** Writes `doc` out and returns the file's bytes as latin1 text. */
function finish(doc: PDFKit.PDFDocument): Promise<string> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    doc.end();
  });
}

describe('pdfkitAdapter: what Stonehand reads of pdfkit 0.20.2', () => {
  it('reads and writes the catalog, page, current font, file ID, XMP and structure tree of a real document', async () => {
    const doc = new PDFDocument({ autoFirstPage: false, compress: false, font: null as unknown as string, subset: 'PDF/A-1b', tagged: true, pdfVersion: '1.4' });
    // a fontkit object, as the painter registers its fast-shaping fonts: pdfkit embeds that very object
    const fontkitFont = create(readFileSync(join(ROOT, 'fonts', FONT_FILES.text)));
    let laidOut = 0;
    const probe = Object.create(fontkitFont, { layout: { value: (...args: unknown[]) => (laidOut++, (fontkitFont.layout as (...a: unknown[]) => unknown)(...args)) } });
    registerFontObject(doc, 'text', probe);
    doc.addPage({ size: [200, 300] });

    const page = currentPage(doc);
    expect(page.height).toBe(300);
    page.dictionary.data.TrimBox = [1, 2, 3, 4];
    const state = newRef(doc, { Type: 'ExtGState', OP: true });
    state.end();
    page.ext_gstates.GsProbe = state;
    catalog(doc).data.ProbeKey = 'ProbeValue';

    doc.font('text');
    const font = currentFont(doc);
    const [glyphs, positions] = font.encode('AV');
    expect(laidOut).toBe(1);
    expect(glyphs).toHaveLength(2);
    expect(glyphs[0]).toMatch(/^[0-9a-f]{4}$/);
    expect(positions[0].advanceWidth).toBeGreaterThan(0);
    expect(positions[0].xAdvance - positions[0].advanceWidth).toBeLessThan(0); // A and V kern
    page.fonts[font.id] ??= font.ref();
    doc.addContent(`BT /${font.id} 12 Tf 10 10 Td [<${glyphs.join('')}>] TJ ET`);

    // an image opened once and drawn twice is embedded once
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#808080' } }).png().toBuffer();
    const opened = openImage(doc, png);
    doc.image(opened as Buffer, 0, 0, { width: 4 });
    doc.image(opened as Buffer, 10, 0, { width: 4 });

    structTreeRoot(doc).data.RoleMap = { Probe: 'P' };
    replaceXmpInfo(doc, () => '<rdf:Description rdf:about="">probe-xmp</rdf:Description>');
    setFileId(doc, Uint8Array.from({ length: 16 }, (_, i) => i + 0xa0));

    const pdf = await finish(doc);
    expect(pdf).toMatch(/\/TrimBox \[1 2 3 4\]/);
    expect(pdf).toMatch(/\/GsProbe \d+ 0 R/);
    expect(pdf).toMatch(/\/ProbeKey \/ProbeValue/);
    expect(pdf).toMatch(new RegExp(`/${font.id} \\d+ 0 R`));
    expect(pdf).toMatch(/\/RoleMap <<\n\/Probe \/P/);
    expect(pdf).toContain('probe-xmp');
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(1);
    expect(pdf.match(/\/I\d+ Do/g)).toHaveLength(2);
    expect(pdf).toContain('/ID [<a0a1a2a3a4a5a6a7a8a9aaabacadaeaf> <a0a1a2a3a4a5a6a7a8a9aaabacadaeaf>]');
  });

  it('fails with a message naming what is gone when pdfkit no longer has it', () => {
    const bare = {} as PDFKit.PDFDocument;
    expect(() => catalog(bare)).toThrow(/pdfkit internals changed: doc\._root is not the catalog .*pdfkit 0\.20\.2/);
    expect(() => currentPage(bare)).toThrow(/doc\.page is missing/);
    expect(() => currentFont(bare)).toThrow(/doc\._font is not the current embedded font/);
    expect(() => setFileId(bare, new Uint8Array(16))).toThrow(/doc\._id is not the file identifier/);
    expect(() => replaceXmpInfo(bare, () => '')).toThrow(/doc\._addInfo/);
    expect(() => structTreeRoot(bare)).toThrow(/doc\.getStructTreeRoot is not a function/);
    expect(() => newRef(bare, {})).toThrow(/doc\.ref is not a function/);
    expect(() => openImage(bare, Buffer.alloc(0))).toThrow(/doc\.openImage is not a function/);
  });
});
