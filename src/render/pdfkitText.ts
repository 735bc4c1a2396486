// Text objects written into a pdfkit document. Only pdfPainter.ts imports this module; it hands
// over its document.
//
// Why not `doc.text()`: pdfkit draws a string as one TJ array, but it can justify only through
// its `wordSpacing` option, which strips the space characters out of the string and widens the
// advance instead (its `_fragment`); and its fonts are Identity-H CID fonts, to which the `Tw`
// operator does not apply. A word space that text extractors can read must be the font's
// space glyph, justified by a TJ adjustment. So this module writes the text object itself.
//
// What it needs of pdfkit beyond its API comes through pdfkitAdapter.ts: the current font
// after the public `doc.font(name)`, whose `encode(text)` adds each glyph to the subset, its
// width to /W and its code points to the ToUnicode CMap — what `_fragment` calls — laying the
// text out through the font the painter registered (fastShapingFont: the tables layout measured
// with); its `id` and `ref()`, which `_fragment` enters into the page's font resources; and the
// page's height, for the same y-flip `_fragment` makes (pdfkit's page space is y-down).
// It writes through the public `save`/`transform`/`addContent`/`restore`, in the operators and
// number format (6 decimals) `_fragment` uses.
import { currentFont, currentPage, type EmbeddedFont } from './pdfkitAdapter.js';
import type { TextObject } from './textObjects.js';

/** A number as pdfkit writes it into content streams (PDFObject.number: rounded to 6 decimals). */
function num(n: number): string {
  if (!(n > -1e21 && n < 1e21)) throw new Error(`pdfkitText: unsupported number ${n}`);
  const rounded = Math.round(n * 1e6) / 1e6;
  return String(rounded === 0 ? 0 : rounded);
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex (empty: `()`). */
export function pdfTextString(text: string): string {
  if (text === '') return '()';
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/**
 * Draws the text objects of one line (or label) in pdfkit's page space (origin top-left, y
 * down, as layout places them) with the current colour: each at its first span's x and its
 * baseline, every span's first glyph at the span's x, and after a span with `spaceTo` the
 * font's space glyph, its advance adjusted to end at `spaceTo`.
 */
export function drawTextObjects(doc: PDFKit.PDFDocument, objects: readonly TextObject[]): void {
  if (objects.length === 0) return;
  const page = currentPage(doc);
  const pageHeight = page.height;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, pageHeight);
  doc.addContent('BT');
  let fontId: string | undefined;
  let fontSize: number | undefined;
  let hScale = 100;
  for (const object of objects) {
    doc.font(object.font);
    const font = currentFont(doc);
    page.fonts[font.id] ??= font.ref();
    if (font.id !== fontId || object.size !== fontSize) {
      doc.addContent(`/${font.id} ${num(object.size)} Tf`);
      [fontId, fontSize] = [font.id, object.size];
    }
    if (object.scale * 100 !== hScale) {
      hScale = object.scale * 100;
      doc.addContent(`${num(hScale)} Tz`);
    }
    writeObject(doc, font, object, pageHeight - object.baseline);
  }
  doc.addContent('ET');
  doc.restore();
}

/**
 * One text object as TJ arrays. The pen is tracked in thousandths of an em (text space before
 * horizontal scaling) from the last text matrix set; every move the glyph widths do not make —
 * kerning, the start of a span, the stretch or shrink of a word space — is a TJ adjustment,
 * written just before the next glyph (or at the end of the array).
 */
function writeObject(doc: PDFKit.PDFDocument, font: EmbeddedFont, object: TextObject, y: number): void {
  /** user-space points per thousandth of an em */
  const unit = (object.size * object.scale) / 1000;
  /** x of the last text matrix (pt) */
  let origin = object.spans[0].x;
  /** where the written glyphs and adjustments leave the pen, from `origin` */
  let pen = 0;
  /** a move not yet written: the pen is at `pen + pending` */
  let pending = 0;
  const parts: string[] = [];
  let hex = '';
  doc.addContent(`1 0 0 1 ${num(origin)} ${num(y)} Tm`);

  const flushHex = () => {
    if (hex !== '') parts.push(`<${hex}>`);
    hex = '';
  };
  /** writes the pending move as a TJ adjustment (which moves left by its value: the sign flips) */
  const writeMove = () => {
    const n = Math.round(pending * 1e6) / 1e6;
    if (n === 0) return;
    flushHex();
    parts.push(num(-n));
    pen += n;
    pending -= n; // what rounding left over is carried to the next move
  };
  const flushArray = () => {
    flushHex();
    if (parts.length > 0) doc.addContent(`[${parts.join(' ')}] TJ`);
    parts.length = 0;
  };
  const moveTo = (x: number) => {
    pending = (x - origin) / unit - pen;
  };
  const show = (text: string) => {
    const [codes, positions] = font.encode(text);
    codes.forEach((code, i) => {
      const p = positions[i];
      if (p.xOffset === 0 && p.yOffset === 0) {
        writeMove();
        hex += code;
        pen += p.advanceWidth;
        pending += p.xAdvance - p.advanceWidth; // kerning
        return;
      }
      // a glyph placed off the pen (a mark): a text matrix of its own, then one back on the pen
      const at = origin + (pen + pending) * unit;
      flushArray();
      doc.addContent(`1 0 0 1 ${num(at + p.xOffset * unit)} ${num(y + (p.yOffset * object.size) / 1000)} Tm`);
      doc.addContent(`[<${code}>] TJ`);
      origin = at + p.xAdvance * unit;
      pen = 0;
      pending = 0;
      doc.addContent(`1 0 0 1 ${num(origin)} ${num(y)} Tm`);
    });
  };

  for (const span of object.spans) {
    moveTo(span.x);
    if (span.actualText !== undefined) {
      // a marked-content span inside the text object: its glyphs read as the ActualText
      flushArray();
      doc.addContent(`/Span <</ActualText ${pdfTextString(span.actualText)}>> BDC`);
      show(span.text);
      writeMove();
      flushArray();
      doc.addContent('EMC');
    } else show(span.text);
    if (span.spaceTo !== undefined) {
      show(' ');
      moveTo(span.spaceTo);
    }
  }
  // the move after the last glyph: a trailing space's stretch (or the last glyph's kerning)
  writeMove();
  flushArray();
}
