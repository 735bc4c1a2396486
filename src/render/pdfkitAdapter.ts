// The one module that reads pdfkit's internals: what pdfkit 0.20.2 (pinned exactly in
// package.json) keeps on a PDFDocument beyond its typed API. An upgrade that moves any of it
// fails here, with a message naming what is gone (tests/render/pdfkitAdapter.test.ts checks
// every reader on a real document), not as a PDF with something silently missing. It takes
// the document the painter made; it does not import pdfkit (pdfPainter.ts does).
//
// Read (all in pdfkit's js/pdfkit.js):
// - `doc._root`, the catalog (an indirect object: `data`, `end()`), and `doc.ref(data)`, which
//   makes an indirect object — the output intent, the overprint graphics state;
// - `doc.page`: its `height`, its `dictionary` (page boxes), its font resources `fonts` and its
//   `ext_gstates`;
// - `doc._font`, the current font (an EmbeddedFont) after the public `doc.font(name)`: its
//   `encode(text)` → [glyph ids as 4-digit hex, positions in thousandths of an em with
//   `advanceWidth`], which adds the glyphs to the subset, /W and the ToUnicode CMap; its `id`
//   (resource name, F1…) and `ref()`;
// - `doc._id`, the file identifier written into the trailer's /ID at `end()`;
// - `doc._addInfo`, the method that writes the document information into the XMP packet, and
//   `doc.appendXML`; `doc.getStructTreeRoot()`, the catalog's StructTreeRoot;
// - and what its typings do not list: `doc.registerFont(name, font)` with a fontkit font object
//   (PDFFontFactory.open takes any object with a `layout` function as the font itself), and
//   `doc.openImage(src)` (ImagesMixin: an image parsed once, embedded when first drawn).

/** A pdfkit indirect object. */
export interface PdfKitRef {
  data: Record<string, unknown>;
  end(chunk?: unknown): void;
}

/** One glyph's position from EmbeddedFont.encode, in thousandths of an em. */
export interface EncodedPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  /** the glyph's own width (its /W entry); xAdvance - advanceWidth is kerning */
  advanceWidth: number;
}

/** A pdfkit embedded font. */
export interface EmbeddedFont {
  id: string;
  encode(text: string): [string[], EncodedPosition[]];
  ref(): unknown;
}

/** The current page as pdfkit keeps it. */
export interface PdfKitPage {
  height: number;
  dictionary: PdfKitRef;
  fonts: Record<string, unknown>;
  ext_gstates: Record<string, PdfKitRef>;
}

interface DocumentInternals {
  _root?: PdfKitRef;
  _font?: EmbeddedFont | null;
  _id?: unknown;
  _addInfo?: () => void;
  appendXML?: (xml: string) => void;
  getStructTreeRoot?: () => PdfKitRef;
  ref?: (data?: object) => PdfKitRef;
  page?: PdfKitPage;
}

const internals = (doc: PDFKit.PDFDocument) => doc as unknown as DocumentInternals;

/** The error for a pdfkit that no longer has what Stonehand reads. */
function changed(what: string): Error {
  return new Error(`pdfkit internals changed: ${what} (Stonehand reads those of pdfkit 0.20.2, pinned in package.json; see src/render/pdfkitAdapter.ts)`);
}

const isRef = (value: unknown): value is PdfKitRef =>
  typeof value === 'object' && value !== null && typeof (value as PdfKitRef).data === 'object' && typeof (value as PdfKitRef).end === 'function';

/** The document's catalog. */
export function catalog(doc: PDFKit.PDFDocument): PdfKitRef {
  const root = internals(doc)._root;
  if (!isRef(root)) throw changed('doc._root is not the catalog');
  return root;
}

/** A new indirect object holding `data` (written when its `end()` is called). */
export function newRef(doc: PDFKit.PDFDocument, data: object): PdfKitRef {
  const ref = internals(doc).ref;
  if (typeof ref !== 'function') throw changed('doc.ref is not a function');
  return ref.call(doc, data);
}

/** The page being drawn. */
export function currentPage(doc: PDFKit.PDFDocument): PdfKitPage {
  const page = internals(doc).page;
  if (!page) throw changed('doc.page is missing (or no page was added)');
  // `fonts` and `ext_gstates` are getters that add their dictionary to the page's resources when
  // first read: asked for here, they would change the order of the keys pdfkit writes
  if (typeof page.height !== 'number' || !isRef(page.dictionary) || !('fonts' in page) || !('ext_gstates' in page)) {
    throw changed('doc.page has no height, dictionary, fonts or ext_gstates');
  }
  return page;
}

/** The current font after `doc.font(name)`. */
export function currentFont(doc: PDFKit.PDFDocument): EmbeddedFont {
  const font = internals(doc)._font;
  if (!font || typeof font.encode !== 'function' || typeof font.ref !== 'function' || typeof font.id !== 'string') {
    throw changed('doc._font is not the current embedded font');
  }
  return font;
}

/** Sets the file identifier the trailer's /ID gets (pdfkit's own hashes only the document info). */
export function setFileId(doc: PDFKit.PDFDocument, id: Uint8Array): void {
  const pdf = internals(doc);
  if (!(pdf._id instanceof Uint8Array)) throw changed('doc._id is not the file identifier');
  pdf._id = id;
}

/** Makes the XMP packet hold `xml` where pdfkit would write its own description of the document information. */
export function replaceXmpInfo(doc: PDFKit.PDFDocument, xml: () => string): void {
  const pdf = internals(doc);
  const appendXML = pdf.appendXML;
  if (typeof pdf._addInfo !== 'function' || typeof appendXML !== 'function') throw changed('doc._addInfo or doc.appendXML is not a function');
  pdf._addInfo = () => appendXML.call(doc, xml());
}

/** The catalog's StructTreeRoot (made on first use). */
export function structTreeRoot(doc: PDFKit.PDFDocument): PdfKitRef {
  const getStructTreeRoot = internals(doc).getStructTreeRoot;
  if (typeof getStructTreeRoot !== 'function') throw changed('doc.getStructTreeRoot is not a function');
  const root = getStructTreeRoot.call(doc);
  if (!isRef(root)) throw changed('doc.getStructTreeRoot() is not an indirect object');
  return root;
}

/** Registers a fontkit font object (not a file) under `name`: pdfkit embeds that very object. */
export function registerFontObject(doc: PDFKit.PDFDocument, name: string, font: { layout: unknown }): void {
  if (typeof font.layout !== 'function') throw new Error(`registerFontObject: ${name} is not a fontkit font`);
  doc.registerFont(name, font as unknown as Buffer);
}

/** An image parsed once, to draw with `doc.image(opened, …)` as often as needed (embedded when first drawn). */
export function openImage(doc: PDFKit.PDFDocument, bytes: Buffer): unknown {
  const open = (doc as unknown as { openImage?: (src: Buffer) => unknown }).openImage;
  if (typeof open !== 'function') throw changed('doc.openImage is not a function');
  return open.call(doc, bytes);
}
