// PDF/X-1a:2001 (ISO 15930-1) structure on top of pdfkit: the GTS_PDFX keys and /Trapped in
// the document information, the GTS_PDFX output intent for the printing condition, page boxes,
// and the overprint graphics state for K-only text and rules.
//
// pdfkit has no API for these; we use its object model directly, through pdfkitAdapter.ts: a new
// indirect object (`ref.end()` writes it), the catalog, the current page's dictionary and
// graphics states. In that model a
// JS string is written as a PDF *name* (`'Page'` → `/Page`) and a `String` object as a PDF
// *string* (`new String('x')` → `(x)`) — except in `doc.info`, whose plain strings pdfkit turns
// into PDF strings itself, so a name there needs a `PdfName` (below).
import type { PrintCondition } from './profiles.js';
import { catalog, currentPage, newRef, type PdfKitRef } from './pdfkitAdapter.js';
import { boxArray, type Box } from './sheet.js';

/**
 * A PDF name where pdfkit would otherwise write a string (the values of `doc.info`). pdfkit's
 * serialiser writes objects it does not recognise with `${value}`; the toStringTag keeps it from
 * being taken for a dictionary.
 */
export class PdfName {
  readonly [Symbol.toStringTag] = 'PdfName';
  constructor(readonly name: string) {
    if (!/^[A-Za-z0-9_.+-]+$/.test(name)) throw new Error(`PdfName: unsupported characters in ${name}`);
  }
  toString(): string {
    return `/${this.name}`;
  }
  valueOf(): string {
    return this.toString();
  }
}

/** A PDF text string in pdfkit's object model. */
function str(text: string): String {
  return new String(text);
}

/** A registered characterization in the ICC registry (http://www.color.org), as named in a PDF/X output intent. */
export interface OutputConditionEntry {
  identifier: string;
  condition: string;
  info: string;
  /** short label for the slug line */
  label: string;
}

export const REGISTRY_NAME = 'http://www.color.org';

export const OUTPUT_CONDITIONS: Record<PrintCondition, OutputConditionEntry> = {
  newsprint: {
    identifier: 'WAN-IFRAnewspaper26v5',
    condition: 'Coldset offset printing on standard newsprint (ISO 12647-3), WAN-IFRA newspaper characterization',
    info: 'WAN-IFRAnewspaper26v5: ISO 12647-3 coldset offset on newsprint, 26 % TVI; total ink limit 220-240 %',
    label: 'newsprint (WAN-IFRAnewspaper26v5)',
  },
  coated: {
    identifier: 'FOGRA39',
    condition: 'Offset printing on coated paper (ISO 12647-2:2004/Amd 1, paper type 1/2)',
    info: 'Coated FOGRA39 (ISO 12647-2:2004)',
    label: 'coated (FOGRA39)',
  },
};

/** The document-information entries PDF/X-1a:2001 adds (Title and the dates are set by the painter). */
export function pdfxInfo(): Record<string, unknown> {
  return {
    GTS_PDFXVersion: 'PDF/X-1:2001',
    GTS_PDFXConformance: 'PDF/X-1a:2001',
    // the file is not trapped; the plant's RIP may trap it
    Trapped: new PdfName('False'),
  };
}

/**
 * Adds the GTS_PDFX output intent for `condition` to the catalog (`/OutputIntents [ref]`).
 *
 * No /DestOutputProfile: both conditions are registered characterizations in the ICC registry
 * (RegistryName http://www.color.org), and PDF/X-1a:2001 (ISO 15930-1) lets the ICC
 * profile be omitted when OutputConditionIdentifier names such a registered condition. We ship
 * no ICC profiles; the plant's RIP knows the condition by its name.
 */
export function addOutputIntent(doc: PDFKit.PDFDocument, condition: PrintCondition): void {
  const c = OUTPUT_CONDITIONS[condition];
  const intent = newRef(doc, {
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: str(c.identifier),
    OutputCondition: str(c.condition),
    RegistryName: str(REGISTRY_NAME),
    Info: str(c.info),
  });
  intent.end();
  catalog(doc).data.OutputIntents = [intent];
}

/** Sets the page boxes of the current page; `undefined` boxes are left out. */
export function setPageBoxes(doc: PDFKit.PDFDocument, boxes: { media: Box; trim?: Box; bleed?: Box }): void {
  const data = currentPage(doc).dictionary.data;
  data.MediaBox = boxArray(boxes.media);
  if (boxes.bleed) data.BleedBox = boxArray(boxes.bleed);
  if (boxes.trim) data.TrimBox = boxArray(boxes.trim);
  // pdfkit writes /UserUnit 1 on every page: a PDF 1.6 key, and 1 is its default anyway
  delete data.UserUnit;
}

/** The name of the overprint graphics state in every page's resources. */
export const OVERPRINT_GS = 'GsOP';

/**
 * A function that switches overprint on in the current graphics state (`/GsOP gs`), registering
 * the ExtGState (`/OP true /op true /OPM 1`, no transparency keys) in the current page's
 * resources. One ExtGState object per document, shared by all pages.
 */
export function overprinter(doc: PDFKit.PDFDocument): () => void {
  let state: PdfKitRef | undefined;
  return () => {
    if (!state) {
      state = newRef(doc, { Type: 'ExtGState', OP: true, op: true, OPM: 1 });
      state.end();
    }
    currentPage(doc).ext_gstates[OVERPRINT_GS] = state;
    doc.addContent(`/${OVERPRINT_GS} gs`);
  };
}

/** A CMYK colour in per cent as PDF operands: [0, 0, 0, 100] → "0 0 0 1". */
export function cmykOperands(ink: readonly number[]): string {
  return ink.map((v) => String(Math.round(v * 100) / 10000)).join(' ');
}
