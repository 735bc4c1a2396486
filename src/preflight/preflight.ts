// Preflight: checks a PDF against the press profile (DESIGN.md, "Output profiles"), the way a
// newspaper plant's PDF/X-1a:2001 check would, and reports every problem with its page and
// object. Pure: bytes in, findings out.
import { PHOTO_TARGET_PPI } from '../render/profiles.js';
import { ContentError } from '../model/errors.js';
import { classifySpace, expandInlineSpace, type SpaceVerdict } from './colourSpace.js';
import { IDENTITY, concat, interpretContent, toMatrix, type GraphicsState, type Matrix } from './content.js';
import { PdfFile, type PageInfo } from './document.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, isName, nameOf, numberOf, type PdfValue } from './objects.js';

export type Condition = 'newsprint' | 'coated';

export interface Finding {
  /** boxes, output-intent, pdfx-info, colour, resolution, fonts, transparency, javascript, encryption, version, structure */
  rule: string;
  severity: 'error' | 'warning';
  /** 1-based page number */
  page?: number;
  /** the object concerned, e.g. "image /Im1", "form /Fm0 › font /F1 (Helvetica)" */
  object?: string;
  message: string;
}

export interface PreflightResult {
  file: string;
  pages: number;
  /** no finding of severity 'error' */
  passed: boolean;
  findings: Finding[];
}

/** Effective resolution a placed photo needs, ppi. */
export const TARGET_PPI: Record<Condition, number> = PHOTO_TARGET_PPI;

const CONDITION_PATTERN: Record<Condition, RegExp> = {
  newsprint: /IFRA|WAN-IFRA|newspaper|ISO ?12647-3/i,
  coated: /FOGRA39|FOGRA 39|ISO Coated v2|12647-2/i,
};

const CONDITION_EXPECTED: Record<Condition, string> = {
  newsprint: 'a newspaper condition of ISO 12647-3 such as WAN-IFRAnewspaper26v5',
  coated: 'a coated condition of ISO 12647-2 such as FOGRA39',
};

const STANDARD_14 = new Set([
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Symbol',
  'ZapfDingbats',
]);

/** Checks `bytes` (a PDF) for the press profile; throws ContentError if it is not a PDF. */
export function preflightPdf(bytes: Uint8Array, file: string, options: { condition?: Condition } = {}): PreflightResult {
  const condition = options.condition ?? 'newsprint';
  let pdf: PdfFile;
  try {
    pdf = new PdfFile(bytes);
  } catch (e) {
    throw new ContentError(file, `is not a PDF: ${(e as Error).message}`);
  }
  if (!pdf.catalog) throw new ContentError(file, 'is not a PDF: no document catalog found');
  const checker = new Checker(pdf, condition);
  const pages = checker.run();
  const findings = checker.result();
  return { file, pages, passed: !findings.some((f) => f.severity === 'error'), findings };
}

/** "page 2, image /Im1: effective resolution 96 ppi < 200 ppi (newsprint)" */
export function describeFinding(f: Finding): string {
  const where = [f.page !== undefined ? `page ${f.page}` : '', f.object ?? ''].filter((s) => s !== '').join(', ');
  return where ? `${where}: ${f.message}` : f.message;
}

/** A human-readable report: a summary line, then one finding per line. */
export function formatPreflight(result: PreflightResult): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${result.file}: preflight ${result.passed ? 'passed' : 'FAILED'} (${plural(result.pages, 'page')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')})`,
  ];
  for (const f of result.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.rule.padEnd(13)} ${describeFinding(f)}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

interface Scope {
  page: number;
  /** object path prefix, e.g. "form /Fm0 › " */
  path: string;
  /** dedupe scope: findings inside a form are reported once per form, not once per use */
  key: string;
  /** form object numbers being interpreted (loop guard) */
  forms: number[];
  /** the page's default matrix (for patterns) */
  base: Matrix;
  /** set when something placement-dependent (an image) was met */
  placed: boolean;
}

const CHECKED_OPERATORS = new Set(['rg', 'RG', 'cs', 'CS', 'scn', 'SCN', 'sh', 'Do', 'Tf', 'gs']);

/** One content stream being interpreted. */
interface Run {
  res: PdfDict | undefined;
  scope: Scope;
  /** colour space verdicts by operand */
  spaces: Map<PdfValue, SpaceVerdict>;
  /** colour problems met, with how many more times after the first */
  tally: Map<string, number>;
}

interface Entry extends Finding {
  count: number;
  countable: boolean;
}

class Checker {
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly ids = new WeakMap<object, string>();
  private nextId = 0;
  /** forms already interpreted that hold no images: interpreting them again finds nothing new */
  private readonly formsWithoutImages = new Set<number>();
  private readonly encrypted: boolean;
  /** indirect fonts and ExtGStates already checked */
  private readonly checked = new Set<string>();

  constructor(
    private readonly pdf: PdfFile,
    private readonly condition: Condition,
  ) {
    this.encrypted = pdf.trailer.has('Encrypt');
  }

  /** Runs every rule; returns the page count. */
  run(): number {
    this.checkVersion();
    this.checkEncryption();
    this.checkOutputIntent();
    this.checkInfo();
    const pages = this.pdf.pages();
    if (pages.length === 0) this.add({ rule: 'structure', severity: 'error', message: 'the document has no pages' });
    for (const page of pages) {
      try {
        this.checkBoxes(page);
        this.checkPage(page);
      } catch (e) {
        this.add({ rule: 'structure', severity: 'error', page: page.number, message: `the page could not be checked: ${(e as Error).message}` });
      }
    }
    this.checkJavaScript();
    for (const problem of this.pdf.problems) this.add({ rule: 'structure', severity: 'warning', message: problem });
    return pages.length;
  }

  result(): Finding[] {
    const out = this.entries.map(({ count, countable, ...f }) => (countable && count > 1 ? { ...f, message: `${f.message} (${count} times)` } : f));
    // document-level findings first, then by page (stable within a page)
    return out
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (a.f.page ?? 0) - (b.f.page ?? 0) || a.i - b.i)
      .map(({ f }) => f);
  }

  /** Records a finding; one with the same `key` (by default: all its fields) is counted instead. */
  private add(f: Finding, key?: string, countable = false, times = 1): void {
    const k = key ?? `${f.rule}|${f.severity}|${f.page ?? ''}|${f.object ?? ''}|${f.message}`;
    const have = this.byKey.get(k);
    if (have) {
      have.count += times;
      return;
    }
    const entry: Entry = { ...f, count: times, countable };
    if (entry.page === undefined) delete entry.page;
    if (entry.object === undefined) delete entry.object;
    this.byKey.set(k, entry);
    this.entries.push(entry);
  }

  /** A stable id for an object: its number when indirect, else its identity. */
  private idOf(raw: PdfValue | undefined, resolved: PdfValue | undefined): string {
    if (raw instanceof PdfRef) return `#${raw.num}`;
    if (resolved instanceof PdfStream) return `#${resolved.objNum}`;
    if (resolved && typeof resolved === 'object') {
      let id = this.ids.get(resolved);
      if (!id) this.ids.set(resolved, (id = `d${this.nextId++}`));
      return id;
    }
    return `v${this.nextId++}`;
  }

  private text(v: PdfValue | undefined): string | undefined {
    const r = this.pdf.resolve(v);
    if (r instanceof PdfString) return r.text();
    if (r instanceof PdfName) return r.name;
    return undefined;
  }

  // ------------------------------------------------------------------ document level

  private checkVersion(): void {
    const header = this.pdf.headerVersion;
    const catalogVersion = nameOf(this.pdf.catalog?.get('Version'));
    const num = (v: string | undefined): number => {
      const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
      return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
    };
    const version = catalogVersion && num(catalogVersion) > num(header) ? catalogVersion : header;
    if (num(version) > 104)
      this.add({ rule: 'version', severity: 'warning', message: `PDF/X-1a:2001 needs PDF 1.3-compatible objects; file is PDF ${version}` });
    if (this.pdf.usesXrefStreams)
      this.add({ rule: 'version', severity: 'error', message: 'cross-reference streams (PDF 1.5) are not allowed in PDF/X-1a' });
    if (this.pdf.usesObjectStreams)
      this.add({ rule: 'version', severity: 'error', message: 'object streams (PDF 1.5) are not allowed in PDF/X-1a' });
  }

  private checkEncryption(): void {
    if (this.encrypted)
      this.add({ rule: 'encryption', severity: 'error', object: 'trailer', message: 'the file is encrypted (/Encrypt); PDF/X forbids encryption, and its content was not checked' });
  }

  private checkOutputIntent(): void {
    const pdf = this.pdf;
    const intents = pdf.resolve(pdf.catalog?.get('OutputIntents'));
    const rule = 'output-intent';
    const pdfx = (Array.isArray(intents) ? intents : []).map((i) => pdf.dict(i)).filter((d): d is PdfDict => !!d && isName(pdf.get(d, 'S'), 'GTS_PDFX'));
    if (pdfx.length === 0) {
      this.add({
        rule,
        severity: 'error',
        object: 'catalog',
        message: Array.isArray(intents) && intents.length > 0 ? 'no output intent with /S /GTS_PDFX' : 'no /OutputIntents (PDF/X needs a GTS_PDFX output intent)',
      });
      return;
    }
    if (pdfx.length > 1) this.add({ rule, severity: 'error', object: 'catalog', message: `${pdfx.length} GTS_PDFX output intents; PDF/X allows one` });
    const oi = pdfx[0];
    const id = this.text(oi.get('OutputConditionIdentifier'));
    if (!id) {
      this.add({ rule, severity: 'error', object: 'output intent', message: 'the GTS_PDFX output intent has no /OutputConditionIdentifier' });
    } else {
      const want = CONDITION_PATTERN[this.condition];
      const other: Condition = this.condition === 'newsprint' ? 'coated' : 'newsprint';
      const described = [this.text(oi.get('OutputCondition')), this.text(oi.get('Info'))].filter((s): s is string => !!s);
      if (want.test(id)) {
        // the condition asked for
      } else if (CONDITION_PATTERN[other].test(id)) {
        this.add({
          rule,
          severity: 'error',
          object: 'output intent',
          message: `output condition "${id}" is for ${other} paper, but the press condition is ${this.condition} (${CONDITION_EXPECTED[this.condition]})`,
        });
      } else if (!described.some((s) => want.test(s))) {
        this.add({
          rule,
          severity: 'error',
          object: 'output intent',
          message: `output condition "${id}" is not the ${this.condition} condition (${CONDITION_EXPECTED[this.condition]})`,
        });
      }
    }
    const profile = pdf.resolve(oi.get('DestOutputProfile'));
    if (profile instanceof PdfStream) {
      const n = numberOf(pdf.get(profile.dict, 'N'));
      if (n !== undefined && n !== 4)
        this.add({ rule, severity: 'error', object: 'output intent', message: `the output profile (/DestOutputProfile) has ${n} components; a press profile is CMYK (4)` });
    }
  }

  private checkInfo(): void {
    const pdf = this.pdf;
    const rule = 'pdfx-info';
    const info = pdf.dict(pdf.trailer.get('Info'));
    const object = 'Info';
    const err = (message: string, obj = object): void => this.add({ rule, severity: 'error', object: obj, message });
    if (!info) err('no document information dictionary (/Info in the trailer)', 'trailer');
    const version = this.text(info?.get('GTS_PDFXVersion'));
    if (version === undefined) err('no /GTS_PDFXVersion');
    else if (!version.startsWith('PDF/X-1')) err(`/GTS_PDFXVersion is "${version}", not PDF/X-1`);
    if (version !== 'PDF/X-1a:2003') {
      const conformance = this.text(info?.get('GTS_PDFXConformance'));
      if (conformance === undefined) err('no /GTS_PDFXConformance (PDF/X-1a:2001)');
      else if (conformance !== 'PDF/X-1a:2001') err(`/GTS_PDFXConformance is "${conformance}", not PDF/X-1a:2001`);
    }
    const trapped = pdf.resolve(info?.get('Trapped'));
    if (trapped === undefined || trapped === null) err('no /Trapped key (it must be /True or /False)');
    else if (trapped instanceof PdfName) {
      if (trapped.name !== 'True' && trapped.name !== 'False') err(`/Trapped is /${trapped.name}; it must be /True or /False`);
    } else if (trapped instanceof PdfString) err(`/Trapped is the string (${trapped.text()}); it must be the name /True or /False`);
    else err('/Trapped must be the name /True or /False');
    const title = this.text(info?.get('Title'));
    if (title === undefined || title.trim() === '') err('no /Title');
    for (const key of ['CreationDate', 'ModDate']) {
      const date = this.text(info?.get(key));
      if (date === undefined) err(`no /${key}`);
      else if (!/^(D:)?\d{4}/.test(date)) this.add({ rule, severity: 'warning', object, message: `/${key} "${date}" is not a PDF date` });
    }
    const id = pdf.resolve(pdf.trailer.get('ID'));
    if (id === undefined || id === null) err('no /ID in the trailer', 'trailer');
    else if (!Array.isArray(id) || id.length !== 2 || !id.every((x) => pdf.resolve(x) instanceof PdfString))
      err('the trailer /ID is not an array of two strings', 'trailer');
  }

  /** JavaScript anywhere: actions (/S /JavaScript, /JS) and the document-level /Names tree. */
  private checkJavaScript(): void {
    const pdf = this.pdf;
    const names = pdf.dict(pdf.catalog?.get('Names'));
    if (names?.has('JavaScript')) this.add({ rule: 'javascript', severity: 'error', object: 'catalog', message: 'document-level JavaScript (/Names /JavaScript)' });
    const has = (v: PdfValue | undefined, depth: number): boolean => {
      if (depth > 32) return false;
      if (v instanceof PdfStream) return has(v.dict, depth + 1);
      if (v instanceof PdfDict) {
        if (isName(v.get('S'), 'JavaScript') || v.has('JS')) return true;
        for (const x of v.map.values()) if (has(x, depth + 1)) return true;
        return false;
      }
      if (Array.isArray(v)) return v.some((x) => has(x, depth + 1));
      return false;
    };
    for (const num of pdf.objectNumbers()) {
      if (has(pdf.getObject(num), 0)) this.add({ rule: 'javascript', severity: 'error', object: `object ${num}`, message: 'JavaScript action' });
    }
  }

  // ------------------------------------------------------------------ pages

  private rect(v: PdfValue | undefined): [number, number, number, number] | undefined {
    const a = this.pdf.resolve(v);
    if (!Array.isArray(a) || a.length !== 4) return undefined;
    const n = a.map((x) => this.pdf.resolve(x));
    if (!n.every((x) => typeof x === 'number')) return undefined;
    const [x1, y1, x2, y2] = n as number[];
    return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
  }

  private checkBoxes(page: PageInfo): void {
    const rule = 'boxes';
    const err = (message: string, severity: 'error' | 'warning' = 'error'): void => this.add({ rule, severity, page: page.number, message });
    const fmt = (r: number[]): string => `[${r.map((x) => +x.toFixed(2)).join(' ')}]`;
    const inside = (a: number[], b: number[]): boolean =>
      a[0] >= b[0] - 0.01 && a[1] >= b[1] - 0.01 && a[2] <= b[2] + 0.01 && a[3] <= b[3] + 0.01;
    const media = this.rect(page.attr('MediaBox'));
    const trimBox = this.rect(page.attr('TrimBox'));
    const artBox = this.rect(page.attr('ArtBox'));
    const bleed = this.rect(page.attr('BleedBox'));
    if (!media) err(page.attr('MediaBox') === undefined ? 'no MediaBox' : 'the MediaBox is not a rectangle');
    const trim = trimBox ?? artBox;
    const trimName = trimBox ? 'TrimBox' : 'ArtBox';
    if (!trim) err(page.attr('TrimBox') === undefined && page.attr('ArtBox') === undefined ? 'no TrimBox (or ArtBox)' : 'the TrimBox is not a rectangle');
    if (trimBox && artBox) err('both TrimBox and ArtBox; PDF/X wants one of them', 'warning');
    if (!bleed) err(page.attr('BleedBox') === undefined ? 'no BleedBox (it defaults to the CropBox: no bleed)' : 'the BleedBox is not a rectangle', 'warning');
    if (trim && (trim[2] - trim[0] <= 0 || trim[3] - trim[1] <= 0)) err(`the ${trimName} ${fmt(trim)} is empty`);
    if (trim && bleed && !inside(trim, bleed)) err(`${trimName} ${fmt(trim)} is not inside BleedBox ${fmt(bleed)}`);
    if (bleed && media && !inside(bleed, media)) err(`BleedBox ${fmt(bleed)} is not inside MediaBox ${fmt(media)}`);
    if (trim && !bleed && media && !inside(trim, media)) err(`${trimName} ${fmt(trim)} is not inside MediaBox ${fmt(media)}`);
  }

  private checkPage(page: PageInfo): void {
    const pdf = this.pdf;
    const res = pdf.dict(page.attr('Resources'));
    const unit = numberOf(pdf.resolve(page.attr('UserUnit'))) ?? 1;
    const base: Matrix = [unit, 0, 0, unit, 0, 0];
    const group = pdf.dict(page.dict.get('Group'));
    if (group && isName(pdf.get(group, 'S'), 'Transparency'))
      this.add({ rule: 'transparency', severity: 'error', page: page.number, message: 'page transparency group (/Group /S /Transparency)' });
    if (this.encrypted) return;
    const scope: Scope = { page: page.number, path: '', key: `p${page.number}`, forms: [], base, placed: false };
    const contents = pdf.resolve(page.dict.get('Contents'));
    const streams = (Array.isArray(contents) ? contents.map((c) => pdf.resolve(c)) : [contents]).filter((s): s is PdfStream => s instanceof PdfStream);
    const parts: Uint8Array[] = [];
    let unreadable: string | undefined;
    for (const s of streams) {
      try {
        parts.push(pdf.decode(s), new Uint8Array([0x0a]));
      } catch (e) {
        unreadable = (e as Error).message;
      }
    }
    if (unreadable) this.add({ rule: 'structure', severity: 'error', page: page.number, object: 'content', message: `content stream unreadable: ${unreadable}` });
    this.runContent(Buffer.concat(parts), res, base, scope, 'content');
    // annotations' appearances
    const annots = pdf.resolve(page.dict.get('Annots'));
    if (Array.isArray(annots)) {
      annots.forEach((a, i) => {
        const ad = pdf.dict(a);
        const ap = pdf.dict(ad?.get('AP'));
        if (!ad || !ap) return;
        const label = `annotation ${i + 1} (/${nameOf(pdf.get(ad, 'Subtype')) ?? '?'})`;
        for (const kind of ['N', 'R', 'D']) {
          const v = pdf.resolve(ap.get(kind));
          const states: Array<[string, PdfValue | undefined]> = v instanceof PdfStream ? [['', v]] : v instanceof PdfDict ? [...v.map].map(([k, s]) => [` /${k}`, pdf.resolve(s)]) : [];
          for (const [state, s] of states) {
            if (!(s instanceof PdfStream)) continue;
            const ctm = this.appearanceMatrix(ad, s, base);
            this.checkForm(s, `${label} appearance /${kind}${state}`, ctm, scope, res);
          }
        }
      });
    }
  }

  /** Where an appearance stream lands: its BBox (through its Matrix) fitted to the annotation's Rect (§12.5.5). */
  private appearanceMatrix(annot: PdfDict, s: PdfStream, base: Matrix): Matrix {
    const rect = this.rect(annot.get('Rect'));
    const bbox = this.rect(s.dict.get('BBox'));
    const m = toMatrix(this.pdf.resolve(s.dict.get('Matrix'))) ?? IDENTITY;
    if (!rect || !bbox) return base;
    const pts = [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[1]],
      [bbox[0], bbox[3]],
      [bbox[2], bbox[3]],
    ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const sx = x1 - x0 > 0 ? (rect[2] - rect[0]) / (x1 - x0) : 1;
    const sy = y1 - y0 > 0 ? (rect[3] - rect[1]) / (y1 - y0) : 1;
    const a: Matrix = [sx, 0, 0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy];
    return concat(a, base);
  }

  // ------------------------------------------------------------------ content

  private runContent(data: Uint8Array, res: PdfDict | undefined, ctm: Matrix, scope: Scope, what: string): void {
    const run: Run = { res, scope, spaces: new Map(), tally: new Map() };
    try {
      interpretContent(data, ctm, {
        op: (op, operands, gs) => this.onOperator(op, operands, gs, run),
        inlineImage: (dict, gs) => {
          scope.placed = true;
          this.checkImage(dict, `inline:${scope.key}`, `${scope.path}inline image`, gs.ctm, scope, res, true);
        },
      });
    } catch (e) {
      this.add({ rule: 'structure', severity: 'error', page: scope.page, object: `${scope.path}${what}`, message: `content stream unreadable: ${(e as Error).message}` });
      this.checkResourcesFallback(res, scope);
    } finally {
      for (const [message, more] of run.tally) if (more > 0) this.contentColour(scope, message, more);
    }
  }

  /** A colour space operand's verdict, cached for the run (names are interned by the lexer). */
  private space(run: Run, v: PdfValue): SpaceVerdict {
    let verdict = run.spaces.get(v);
    if (!verdict) {
      verdict = classifySpace(this.pdf, v, run.res);
      run.spaces.set(v, verdict);
    }
    return verdict;
  }

  private onOperator(op: string, operands: PdfValue[], gs: GraphicsState, run: Run): void {
    // most operators (path, text) need nothing here
    if (!CHECKED_OPERATORS.has(op)) return;
    const { res, scope } = run;
    const last = operands[operands.length - 1];
    const name = last instanceof PdfName ? last.name : undefined;
    const tally = (message: string): void => {
      const seen = run.tally.get(message);
      if (seen === undefined) {
        // reported at once (so findings keep the order of the content), counted from here on
        this.contentColour(scope, message);
        run.tally.set(message, 0);
      } else run.tally.set(message, seen + 1);
    };
    switch (op) {
      case 'rg':
        tally('RGB fill colour (rg)');
        break;
      case 'RG':
        tally('RGB stroke colour (RG)');
        break;
      case 'cs':
      case 'CS': {
        const v = this.space(run, operands[0] ?? null);
        if (!v.ok) {
          const kind = op === 'cs' ? 'fill' : 'stroke';
          tally(v.rgb ? `RGB ${kind} colour space ${v.label} (${op})` : `${kind} colour space ${v.label} is not allowed in PDF/X-1a (${op})`);
        }
        break;
      }
      case 'scn':
      case 'SCN': {
        const space = this.space(run, op === 'scn' ? gs.fillSpace : gs.strokeSpace);
        if (space.pattern && name !== undefined) this.checkPattern(name, res, scope);
        break;
      }
      case 'sh':
        if (name !== undefined) {
          const dict = this.pdf.dict(this.pdf.get(res, 'Shading'));
          const raw = dict?.get(name);
          this.checkShading(raw, `${scope.path}shading /${name}`, scope, res);
        }
        break;
      case 'Do':
        if (name !== undefined) this.doXObject(name, gs.ctm, res, scope);
        break;
      case 'Tf': {
        const fname = operands[0] instanceof PdfName ? operands[0].name : undefined;
        if (fname !== undefined) this.checkFontByName(fname, res, scope);
        break;
      }
      case 'gs':
        if (name !== undefined) {
          const dict = this.pdf.dict(this.pdf.get(res, 'ExtGState'));
          const raw = dict?.get(name);
          if (raw === undefined) this.missing(scope, `ExtGState /${name}`);
          else this.checkExtGState(raw, `${scope.path}ExtGState /${name}`, scope);
        }
        break;
    }
  }

  private contentColour(scope: Scope, message: string, times = 1): void {
    const object = scope.path ? scope.path.replace(/ › $/, '') : 'content';
    this.add({ rule: 'colour', severity: 'error', page: scope.page, object, message }, `colour|${scope.key}|${object}|${message}`, true, times);
  }

  private missing(scope: Scope, what: string): void {
    this.add({ rule: 'structure', severity: 'warning', page: scope.page, object: `${scope.path}${what}`, message: 'used but not in the resources' });
  }

  /** Reports an object-level problem once per object (at the first page where it is used). */
  private once(rule: string, severity: 'error' | 'warning', id: string, scope: Scope, object: string, message: string): void {
    this.add({ rule, severity, page: scope.page, object, message }, `${rule}|${id}|${message}`);
  }

  private spaceMessage(v: SpaceVerdict): string {
    return v.rgb ? `RGB colour space ${v.label}` : `colour space ${v.label} is not allowed in PDF/X-1a`;
  }

  private doXObject(name: string, ctm: Matrix, res: PdfDict | undefined, scope: Scope): void {
    const pdf = this.pdf;
    const raw = pdf.dict(pdf.get(res, 'XObject'))?.get(name);
    const x = pdf.resolve(raw);
    if (!(x instanceof PdfStream)) {
      this.missing(scope, `XObject /${name}`);
      return;
    }
    const subtype = nameOf(pdf.get(x.dict, 'Subtype'));
    if (subtype === 'Image') {
      scope.placed = true;
      this.checkImage(x.dict, this.idOf(raw, x), `${scope.path}image /${name}`, ctm, scope, res, false);
    } else if (subtype === 'Form') {
      this.checkForm(x, `${scope.path}form /${name}`, ctm, scope, res);
    } else if (subtype === 'PS') {
      this.once('version', 'error', this.idOf(raw, x), scope, `${scope.path}XObject /${name}`, 'PostScript XObject (not allowed in PDF/X)');
    }
  }

  private checkForm(s: PdfStream, label: string, ctm: Matrix, scope: Scope, parentRes: PdfDict | undefined): void {
    const pdf = this.pdf;
    const id = `#${s.objNum}`;
    const group = pdf.dict(s.dict.get('Group'));
    if (group && isName(pdf.get(group, 'S'), 'Transparency')) this.once('transparency', 'error', id, scope, label, 'transparency group (/Group /S /Transparency)');
    if (scope.forms.includes(s.objNum) || scope.forms.length > 24) {
      this.add({ rule: 'structure', severity: 'warning', page: scope.page, object: label, message: 'form XObjects draw each other in a loop' });
      return;
    }
    if (this.formsWithoutImages.has(s.objNum)) return;
    const m = toMatrix(pdf.resolve(s.dict.get('Matrix'))) ?? IDENTITY;
    const res = pdf.dict(s.dict.get('Resources')) ?? parentRes;
    let data: Uint8Array;
    try {
      data = pdf.decode(s);
    } catch (e) {
      this.add({ rule: 'structure', severity: 'error', page: scope.page, object: label, message: `content stream unreadable: ${(e as Error).message}` });
      this.checkResourcesFallback(res, scope);
      return;
    }
    const inner: Scope = { page: scope.page, path: `${label} › `, key: id, forms: [...scope.forms, s.objNum], base: scope.base, placed: false };
    this.runContent(data, res, concat(m, ctm), inner, 'content');
    if (inner.placed) scope.placed = true;
    else this.formsWithoutImages.add(s.objNum);
  }

  private checkImage(d: PdfDict, id: string, object: string, ctm: Matrix, scope: Scope, res: PdfDict | undefined, inline: boolean): void {
    const pdf = this.pdf;
    const get = (key: string, abbr: string): PdfValue | undefined => pdf.resolve(d.get(key) ?? (inline ? d.get(abbr) : undefined));
    if (get('ImageMask', 'IM') === true) return; // stencil masks carry no colour and are exempt
    const cs = inline ? expandInlineSpace(get('ColorSpace', 'CS')) : d.get('ColorSpace');
    if (cs === undefined) {
      const filter = get('Filter', 'F');
      const jpx = isName(filter, 'JPXDecode') || (Array.isArray(filter) && filter.some((f) => isName(f, 'JPXDecode')));
      this.once('colour', 'error', id, scope, object, jpx ? 'JPEG 2000 image (JPXDecode) without /ColorSpace; not allowed in PDF/X-1a' : 'image without /ColorSpace');
    } else {
      const v = classifySpace(pdf, cs, res);
      if (!v.ok) this.once('colour', 'error', id, scope, object, this.spaceMessage(v));
    }
    const smask = pdf.resolve(d.get('SMask'));
    if (smask !== undefined && smask !== null && !isName(smask, 'None')) this.once('transparency', 'error', id, scope, object, 'soft mask (/SMask) on the image');
    const smaskInData = numberOf(pdf.resolve(d.get('SMaskInData')));
    if (smaskInData !== undefined && smaskInData > 0) this.once('transparency', 'error', id, scope, object, 'soft mask in the image data (/SMaskInData)');

    const width = numberOf(get('Width', 'W'));
    const height = numberOf(get('Height', 'H'));
    const sx = Math.hypot(ctm[0], ctm[1]);
    const sy = Math.hypot(ctm[2], ctm[3]);
    if (!width || !height || sx < 1e-9 || sy < 1e-9) return;
    const ppi = Math.min(width / (sx / 72), height / (sy / 72));
    const target = TARGET_PPI[this.condition];
    // a hair under in floating point (780 px over 280.8 pt is 199.99999999999997) is at the target
    if (ppi < target - 1e-6)
      this.add({
        rule: 'resolution',
        severity: ppi < target / 2 ? 'error' : 'warning',
        page: scope.page,
        object,
        message: `effective resolution ${Math.floor(ppi)} ppi < ${target} ppi (${this.condition})`,
      });
  }

  private checkShading(raw: PdfValue | undefined, object: string, scope: Scope, res: PdfDict | undefined): void {
    const sh = this.pdf.dict(raw);
    if (!sh) {
      this.missing(scope, object.slice(scope.path.length));
      return;
    }
    const v = classifySpace(this.pdf, sh.get('ColorSpace'), res);
    if (!v.ok) this.once('colour', 'error', this.idOf(raw, this.pdf.resolve(raw)), scope, object, this.spaceMessage(v));
  }

  private checkPattern(name: string, res: PdfDict | undefined, scope: Scope): void {
    const pdf = this.pdf;
    const raw = pdf.dict(pdf.get(res, 'Pattern'))?.get(name);
    const p = pdf.resolve(raw);
    const object = `${scope.path}pattern /${name}`;
    if (p instanceof PdfStream) {
      // a tiling pattern: coloured ones (PaintType 1) carry their own colours
      if (numberOf(pdf.get(p.dict, 'PaintType')) === 1) {
        const m = toMatrix(pdf.resolve(p.dict.get('Matrix'))) ?? IDENTITY;
        this.checkForm(p, object, concat(m, scope.base), { ...scope, path: '' }, res);
      }
    } else if (p instanceof PdfDict) {
      this.checkShading(p.get('Shading'), `${object} shading`, scope, res);
      const egs = p.get('ExtGState');
      if (egs !== undefined) this.checkExtGState(egs, `${object} ExtGState`, scope);
    } else this.missing(scope, `pattern /${name}`);
  }

  private checkExtGState(raw: PdfValue, object: string, scope: Scope): void {
    if (raw instanceof PdfRef) {
      // an indirect one is checked once, at its first use
      if (this.checked.has(`gs${raw.num}`)) return;
      this.checked.add(`gs${raw.num}`);
    }
    const pdf = this.pdf;
    const g = pdf.dict(raw);
    if (!g) return;
    const id = this.idOf(raw, pdf.resolve(raw));
    const smask = pdf.resolve(g.get('SMask'));
    if (smask !== undefined && smask !== null && !isName(smask, 'None')) this.once('transparency', 'error', id, scope, object, 'soft mask (/SMask)');
    const alpha = ['CA', 'ca']
      .map((k) => [k, numberOf(pdf.resolve(g.get(k)))] as const)
      .filter(([, v]) => v !== undefined && v < 1)
      .map(([k, v]) => `/${k} ${v}`);
    if (alpha.length > 0) this.once('transparency', 'error', id, scope, object, `opacity ${alpha.join(' ')} (must be 1)`);
    const bm = pdf.resolve(g.get('BM'));
    const modes = (Array.isArray(bm) ? bm.map((b) => pdf.resolve(b)) : [bm]).filter((b): b is PdfName => b instanceof PdfName);
    const bad = modes.filter((b) => b.name !== 'Normal' && b.name !== 'Compatible');
    if (bad.length > 0) this.once('transparency', 'error', id, scope, object, `blend mode /${bad[0].name} (only /Normal)`);
  }

  private checkFontByName(name: string, res: PdfDict | undefined, scope: Scope): void {
    const raw = this.pdf.dict(this.pdf.get(res, 'Font'))?.get(name);
    if (raw === undefined) {
      this.missing(scope, `font /${name}`);
      return;
    }
    this.checkFont(raw, name, scope);
  }

  private checkFont(raw: PdfValue, name: string, scope: Scope): void {
    if (raw instanceof PdfRef) {
      if (this.checked.has(`font${raw.num}`)) return;
      this.checked.add(`font${raw.num}`);
    }
    const pdf = this.pdf;
    const font = pdf.dict(raw);
    if (!font) return;
    const id = this.idOf(raw, pdf.resolve(raw));
    const subtype = nameOf(pdf.get(font, 'Subtype'));
    const baseFont = nameOf(pdf.get(font, 'BaseFont'));
    const object = `${scope.path}font /${name}${baseFont ? ` (${baseFont})` : ''}`;
    if (subtype === 'Type3') {
      this.once('fonts', 'warning', id, scope, object, 'Type 3 font');
      return;
    }
    let descriptorOwner: PdfDict | undefined = font;
    if (subtype === 'Type0') {
      const kids = pdf.resolve(font.get('DescendantFonts'));
      descriptorOwner = Array.isArray(kids) ? pdf.dict(kids[0]) : undefined;
      if (!descriptorOwner) {
        this.once('fonts', 'error', id, scope, object, 'Type0 font without a descendant CIDFont');
        return;
      }
    }
    const fd = pdf.dict(descriptorOwner.get('FontDescriptor'));
    const embedded = !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => pdf.resolve(fd.get(k)) instanceof PdfStream);
    if (embedded) return;
    const plain = (nameOf(pdf.get(descriptorOwner, 'BaseFont')) ?? baseFont ?? '').replace(/^[A-Z]{6}\+/, '');
    this.once('fonts', 'error', id, scope, object, STANDARD_14.has(plain) ? `standard 14 font ${plain} is not embedded` : 'font is not embedded');
  }

  /** When a content stream cannot be read: check everything its resources offer instead. */
  private checkResourcesFallback(res: PdfDict | undefined, scope: Scope): void {
    const pdf = this.pdf;
    const fonts = pdf.dict(pdf.get(res, 'Font'));
    if (fonts) for (const [name, raw] of fonts.map) this.checkFont(raw, name, scope);
    const states = pdf.dict(pdf.get(res, 'ExtGState'));
    if (states) for (const [name, raw] of states.map) this.checkExtGState(raw, `${scope.path}ExtGState /${name}`, scope);
    const xobjects = pdf.dict(pdf.get(res, 'XObject'));
    if (xobjects)
      for (const [name, raw] of xobjects.map) {
        const x = pdf.resolve(raw);
        if (x instanceof PdfStream && isName(pdf.get(x.dict, 'Subtype'), 'Image')) {
          // no placement known: colour and masks only
          this.checkImage(x.dict, this.idOf(raw, x), `${scope.path}image /${name}`, [0, 0, 0, 0, 0, 0], scope, res, false);
        }
      }
    const spaces = pdf.dict(pdf.get(res, 'ColorSpace'));
    if (spaces)
      for (const [name] of spaces.map) {
        const v = classifySpace(pdf, new PdfName(name), res);
        if (!v.ok) this.contentColour(scope, this.spaceMessage(v));
      }
  }
}
