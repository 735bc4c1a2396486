// Reading an archive PDF back: Apache PDFBox's Preflight on it (tools/pdfa-validate; CI installs
// java and PDFBox, .ci/run — without them these tests fail saying so, they are not skipped), its
// structure tree with the repo's own PDF reader (src/preflight), the text of each marked-content
// sequence with pdfjs, and its XMP packet.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PdfFile } from '../../src/preflight/document.js';
import { nameOf, numberOf, PdfDict, PdfRef, PdfStream, PdfString, type PdfValue } from '../../src/preflight/objects.js';
import { openPdf } from './pdf.js';

const VALIDATOR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tools', 'pdfa-validate');

/** What PDFBox Preflight says of a PDF: whether it is valid PDF/A-1b, and its output. */
export function pdfaValidate(pdf: Uint8Array): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-pdfa-'));
  try {
    const file = join(dir, 'archive.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync(VALIDATOR, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${run.stdout}${run.stderr}`.trim();
    if (run.error || run.status === 2) {
      throw new Error(
        `tools/pdfa-validate could not run (${run.error?.message ?? output}); install java and PDFBox: ` +
          `"apt-get install -y default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java" (.ci/run does this)`,
      );
    }
    return { valid: run.status === 0, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A structure element as written: its type (/S), alternative text, and what it holds. */
export interface StructNode {
  type: string;
  alt?: string;
  /** its marked content, page (1-based) and MCID, in order */
  content: { page: number; mcid: number }[];
  children: StructNode[];
}

/** The document's structure tree (the StructTreeRoot's kids), its RoleMap, and /Lang and /MarkInfo of the catalog. */
export function structTree(bytes: Uint8Array): { roots: StructNode[]; roleMap: Record<string, string>; lang?: string; marked: boolean } {
  const file = new PdfFile(bytes);
  const pageOf = new Map<number, number>();
  for (const page of file.pages()) if (page.ref) pageOf.set(page.ref.num, page.number);
  const pageNumber = (v: PdfValue | undefined) => (v instanceof PdfRef ? pageOf.get(v.num) : undefined);
  const list = (v: PdfValue | undefined): PdfValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  const node = (ref: PdfValue, depth: number): StructNode => {
    const d = file.dict(ref);
    if (!d || depth > 32) throw new Error('structTree: not a structure element');
    const page = pageNumber(d.get('Pg'));
    const alt = file.get(d, 'Alt');
    const out: StructNode = { type: nameOf(d.get('S')) ?? '?', ...(alt instanceof PdfString ? { alt: alt.text() } : {}), content: [], children: [] };
    for (const kid of list(file.resolve(d.get('K')))) {
      if (typeof kid === 'number') {
        if (page === undefined) throw new Error('structTree: an MCID without a page');
        out.content.push({ page, mcid: kid });
        continue;
      }
      const kd = kid instanceof PdfRef ? file.dict(kid) : kid instanceof PdfDict ? kid : undefined;
      if (kd && nameOf(kd.get('Type')) === 'MCR') {
        out.content.push({ page: pageNumber(kd.get('Pg')) ?? page ?? -1, mcid: numberOf(kd.get('MCID')) ?? -1 });
        continue;
      }
      out.children.push(node(kid, depth + 1));
    }
    return out;
  };

  const catalog = file.catalog;
  const root = file.dict(catalog?.get('StructTreeRoot'));
  const roots = list(file.resolve(root?.get('K'))).map((k) => node(k, 0));
  const roleMap: Record<string, string> = {};
  const rm = file.dict(root?.get('RoleMap'));
  for (const [key, value] of rm?.map ?? []) roleMap[key] = nameOf(value) ?? '?';
  const lang = file.get(catalog, 'Lang');
  const markInfo = file.dict(catalog?.get('MarkInfo'));
  return { roots, roleMap, ...(lang instanceof PdfString ? { lang: lang.text() } : {}), marked: markInfo?.get('Marked') === true };
}

/** Every element of a tree, depth first, in order. */
export function walk(nodes: StructNode[]): StructNode[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

/** Per page: the text of each MCID's marked content, the text inside artifacts, and text in no marked content at all. */
export interface MarkedText {
  byMcid: Map<number, string>;
  artifacts: string[];
  unmarked: string[];
}

export async function markedText(bytes: Uint8Array): Promise<MarkedText[]> {
  const doc = await openPdf(bytes);
  try {
    const pages: MarkedText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true });
      const page: MarkedText = { byMcid: new Map(), artifacts: [], unmarked: [] };
      // the open sequences: their MCID (of the outermost one that has one) or artifact
      const stack: { mcid?: number; artifact: boolean }[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') {
            stack.pop();
            continue;
          }
          const id = item.id ? Number(/_mc(\d+)$/.exec(item.id)?.[1]) : undefined;
          const outer = stack[stack.length - 1];
          // pdfjs reports the sequence's tag, though its typings leave it out
          const tag = (item as { tag?: string }).tag;
          stack.push({ mcid: outer?.mcid ?? id, artifact: (outer?.artifact ?? false) || tag === 'Artifact' });
          continue;
        }
        if (item.str === '') continue;
        const top = stack[stack.length - 1];
        const text = item.str + (item.hasEOL ? '\n' : '');
        if (!top) page.unmarked.push(text);
        else if (top.artifact) page.artifacts.push(text);
        else if (top.mcid !== undefined) page.byMcid.set(top.mcid, (page.byMcid.get(top.mcid) ?? '') + text);
        else page.unmarked.push(text);
      }
      pages.push(page);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The text of a structure element: its marked content's, then its children's, lines joined by spaces. */
export function elementText(node: StructNode, pages: MarkedText[]): string {
  const own = node.content.map(({ page, mcid }) => pages[page - 1]?.byMcid.get(mcid) ?? '');
  return [...own, ...node.children.map((c) => elementText(c, pages))].join(' ').replace(/\s+/g, ' ').trim();
}

/** The pages an element's content (its own and its children's) is on, in order, without repeats. */
export function pagesOf(node: StructNode): number[] {
  return [...new Set([...node.content.map((c) => c.page), ...node.children.flatMap(pagesOf)])];
}

/** The XMP packet of the catalog's /Metadata stream, as text. */
export function xmpOf(bytes: Uint8Array): string {
  const file = new PdfFile(bytes);
  const stream = file.resolve(file.catalog?.get('Metadata'));
  if (!(stream instanceof PdfStream)) throw new Error('xmpOf: the catalog has no /Metadata stream');
  return Buffer.from(file.decode(stream)).toString('utf8');
}
