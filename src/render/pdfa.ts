// PDF/A-1 for the archive profile, on top of pdfkit's own PDF/A support (`subset`, which adds the
// pdfaid XMP schema, the sRGB output intent with the ICC profile pdfkit ships, and a CIDSet for
// every embedded font) and its tagging (`tagged`, `struct`, `markStructureContent`, artifacts).
// What this module adds:
// - the XMP packet, XML-escaped (pdfkit's own writes the document info into XML unescaped), the
//   same values as the document information (PDFBox Preflight compares them), and Stonehand's
//   own properties of the edition declared in a PDF/A extension schema as PDF/A-1 requires;
// - colour operators in DeviceGray (PDF/A-1 with an RGB output intent allows no DeviceCMYK);
// - the structure tree, story by story (see Tagger).
//
// What it needs of pdfkit beyond its API comes through pdfkitAdapter.ts: where pdfkit writes the
// document information into the XMP packet (replaced per document) and the catalog's
// StructTreeRoot.
import type { LayoutItem, PageLayout, TextLine, TextRole } from '../model/layout.js';
import { xmlEscape } from '../text/xmlText.js';
import { replaceXmpInfo, structTreeRoot } from './pdfkitAdapter.js';

/** Stonehand's XMP namespace for the properties of an edition. */
export const XMP_NS = 'https://stonehand.invalid/ns/edition/1.0/';
export const XMP_PREFIX = 'stonehand';

/** What the archive PDF's XMP says of the edition. */
export interface ArchiveMeta {
  /** the document information the XMP repeats */
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** ISO date of the edition (YYYY-MM-DD) */
  date: string;
  pageCount: number;
  /** every headline, in story order */
  headlines: string[];
  /** every byline, in story order */
  bylines: string[];
  /** Stonehand's version (package.json) */
  version: string;
}

/** The options pdfkit takes for a PDF/A-1 document, tagged, in `lang`. */
export function pdfaOptions(lang: string): { pdfVersion: '1.4'; subset: 'PDF/A-1b'; tagged: true; lang: string } {
  // conformance level B is claimed: the tagging aims at level A, but PDFBox checks level B only
  return { pdfVersion: '1.4', subset: 'PDF/A-1b', tagged: true, lang };
}


/** An XMP date (the edition's day at midnight UTC), as pdfkit writes the document dates. */
function xmpDate(isoDate: string): string {
  return `${isoDate}T00:00:00Z`;
}

/** The XMP packet's descriptions: document information, Stonehand's properties and their extension schema. */
export function xmpDescriptions(meta: ArchiveMeta): string {
  const e = xmlEscape;
  const seq = (items: string[]) => (items.length === 0 ? '<rdf:Seq/>' : `<rdf:Seq>${items.map((i) => `<rdf:li>${e(i)}</rdf:li>`).join('')}</rdf:Seq>`);
  const date = xmpDate(meta.date);
  const property = (name: string, valueType: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${valueType}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate><xmp:CreatorTool>${e(meta.creator)}</xmp:CreatorTool></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(meta.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${e(meta.author)}</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(meta.subject)}</rdf:li></rdf:Alt></dc:description><dc:date><rdf:Seq><rdf:li>${meta.date}</rdf:li></rdf:Seq></dc:date></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${e(meta.producer)}</pdf:Producer><pdf:Keywords>${e(meta.keywords)}</pdf:Keywords></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:${XMP_PREFIX}="${XMP_NS}"><${XMP_PREFIX}:editionDate>${meta.date}</${XMP_PREFIX}:editionDate><${XMP_PREFIX}:pageCount>${meta.pageCount}</${XMP_PREFIX}:pageCount><${XMP_PREFIX}:headlines>${seq(meta.headlines)}</${XMP_PREFIX}:headlines><${XMP_PREFIX}:bylines>${seq(meta.bylines)}</${XMP_PREFIX}:bylines><${XMP_PREFIX}:version>${e(meta.version)}</${XMP_PREFIX}:version></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Stonehand newspaper edition</pdfaSchema:schema><pdfaSchema:namespaceURI>${XMP_NS}</pdfaSchema:namespaceURI><pdfaSchema:prefix>${XMP_PREFIX}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${[
      property('editionDate', 'Date', 'the date of the edition'),
      property('pageCount', 'Integer', 'the number of pages of the edition'),
      property('headlines', 'seq Text', 'the headline of every story, in story order'),
      property('bylines', 'seq Text', 'every byline, in story order'),
      property('version', 'Text', 'the version of Stonehand that made the file'),
    ].join('')}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>`,
  ].join('\n');
}

/** Replaces pdfkit's XMP of the document information with ours (escaped, complete, with the extension schema). */
export function installXmp(doc: PDFKit.PDFDocument, meta: ArchiveMeta): void {
  replaceXmpInfo(doc, () => xmpDescriptions(meta));
}

/** The grey level of a K-only CMYK ink in per cent, as a DeviceGray operand (1 = white). */
export function greyOperand(ink: readonly number[]): string {
  const [c, m, y, k] = ink;
  if (c !== 0 || m !== 0 || y !== 0) throw new Error(`pdfa: ink ${ink.join('/')} is not K only; the archive profile paints text and rules in DeviceGray`);
  return String(Math.round((100 - k) * 100) / 10000);
}

/** The structure element type of each text role that belongs to a story; the others are artifacts. */
const STORY_ELEMENT: Partial<Record<TextRole, string>> = {
  headline: 'H1',
  deck: 'Deck',
  byline: 'Byline',
  source: 'Byline',
  body: 'P',
  subhead: 'H2',
  caption: 'Caption',
  credit: 'Credit',
};

/** Stonehand's own element types and the standard ones they mean (the StructTreeRoot's RoleMap). */
export const ROLE_MAP: Record<string, string> = { Deck: 'P', Byline: 'P', Credit: 'P', JumpHead: 'H2' };

/** The reading order of a story's blocks on a page: heads, body, then the photo with its caption and credit. */
const RANK: Record<string, number> = { H1: 0, JumpHead: 0, Deck: 1, Byline: 2, P: 3, H2: 3, Figure: 4, Caption: 5, Credit: 6 };

/** The artifact type of a line that belongs to no story's text. */
function artifactOf(item: LayoutItem): 'Pagination' | 'Layout' {
  return item.type === 'text' && item.role !== 'nameplate' && item.role !== 'label' ? 'Pagination' : 'Layout';
}

/** What a page item is in the structure tree: an element of a story (one block of it), or an artifact. */
export type ItemTag = { block: string; type: string; story: string } | { artifact: 'Pagination' | 'Layout' };

/**
 * What each item of a page is tagged as. Lines of one role in a row make one block (a body
 * paragraph: lines with the same paragraph index, across columns and pages); a photo or its
 * placeholder is a Figure; a headline of a story `continued` from an earlier page is its jump
 * head (JumpHead, an H2 by the RoleMap). Lines without a story (nameplate, running heads, folios, labels),
 * jump lines ("Continued on Page N", which a reader of the tagged text does not need) and rules are artifacts.
 */
export function itemTags(page: PageLayout, continued: ReadonlySet<string> = new Set()): ItemTag[] {
  let previous: { story: string; role: string; key: string } | undefined;
  let serial = 0;
  return page.items.map((item): ItemTag => {
    if (item.type === 'image' || item.type === 'placeholder') {
      previous = undefined;
      return { block: `${page.number}#${item.story}#figure#${serial++}`, type: 'Figure', story: item.story };
    }
    if (item.type === 'rule') return { artifact: 'Layout' };
    const type = item.story ? STORY_ELEMENT[item.role] : undefined;
    if (!item.story || !type) return { artifact: artifactOf(item) };
    const key = item.role === 'body' || item.role === 'subhead' ? `${item.role}#${item.position?.paragraph ?? -1}` : item.role;
    const same = previous && previous.story === item.story && previous.key === key;
    if (!same) serial++;
    previous = { story: item.story, role: item.role, key };
    // a body paragraph keeps its block across columns and pages: its key, not the serial
    const block = item.role === 'body' ? `${item.story}#${key}` : `${page.number}#${item.story}#${key}#${serial}`;
    // a headline on a page after the story's first is its jump head, keyed to the continuation
    return { block, type: type === 'H1' && continued.has(item.story) ? 'JumpHead' : type, story: item.story };
  });
}

/** The Figure's alternative text: the caption of the story's photo, else a description. */
export interface StoryTags {
  /** alternative text of the story's photo (its caption) */
  alt?: string;
}

type StructElement = PDFKit.PDFStructureElement;

/**
 * The structure tree of a PDF/A document, built page by page: a Document element holding one Art
 * per story (created where the story first appears, so the Arts stand in page order), each Art
 * holding its blocks in reading order (RANK) page by page, its jumped part's blocks after those
 * of its first page, and a paragraph split by a column or page break one P.
 */
export class Tagger {
  private readonly root: StructElement;
  private readonly arts = new Map<string, StructElement>();
  private readonly blocks = new Map<string, StructElement>();
  private tags: ItemTag[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly stories: ReadonlyMap<string, StoryTags>,
  ) {
    structTreeRoot(doc).data.RoleMap = { ...ROLE_MAP };
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Creates the page's new elements in reading order; call after the page is added, before its items are drawn. */
  beginPage(page: PageLayout): void {
    this.tags = itemTags(page, new Set(this.arts.keys()));
    const order: { story: string; block: string; type: string; rank: number; index: number }[] = [];
    const seen = new Set<string>();
    this.tags.forEach((tag, index) => {
      if (!('block' in tag) || seen.has(tag.block)) return;
      seen.add(tag.block);
      order.push({ ...tag, rank: RANK[tag.type], index });
    });
    // stories in the order they first appear; within one, blocks by rank, then as laid out
    const storyOrder = [...new Set(order.map((o) => o.story))];
    order.sort((a, b) => storyOrder.indexOf(a.story) - storyOrder.indexOf(b.story) || a.rank - b.rank || a.index - b.index);
    for (const o of order) {
      if (this.blocks.has(o.block)) continue; // a paragraph continued from an earlier page
      let art = this.arts.get(o.story);
      if (!art) {
        art = this.doc.struct('Art');
        this.root.add(art);
        this.arts.set(o.story, art);
      }
      const alt = o.type === 'Figure' ? (this.stories.get(o.story)?.alt ?? `Photo of the story ${o.story}`) : undefined;
      const element = this.doc.struct(o.type, alt ? { alt } : {});
      art.add(element);
      this.blocks.set(o.block, element);
    }
  }

  /** Draws item `index` of the page inside its marked content: its block's, or an artifact's. */
  item(index: number, draw: () => void): void {
    const tag = this.tags[index];
    if ('artifact' in tag) {
      this.doc.markContent('Artifact', { type: tag.artifact });
      draw();
      this.doc.endMarkedContent();
      return;
    }
    const content = this.doc.markStructureContent(tag.type);
    draw();
    this.doc.endMarkedContent();
    this.blocks.get(tag.block)!.add(content);
  }
}

/** Whole words at line-end hyphens: for each line of a page ending inside a word, the word its last run begins. */
export function wholeWords(page: PageLayout): Map<number, { last: string; nextIndex: number }> {
  const found = new Map<number, { last: string; nextIndex: number }>();
  page.items.forEach((item, i) => {
    if (item.type !== 'text' || !(item.hyphenated || item.midWord) || item.runs.length === 0) return;
    const nextIndex = page.items.findIndex((other, j) => j > i && other.type === 'text' && other.story === item.story && other.role === item.role && other.runs.length > 0);
    if (nextIndex < 0) return;
    const next = page.items[nextIndex] as TextLine;
    const lastRun = item.runs[item.runs.length - 1].text;
    // the hyphenator's hyphen is not part of the word; a compound's own hyphen or dash is
    const head = item.hyphenated ? lastRun.replace(/[-\u2010\u00ad]$/u, '') : lastRun;
    found.set(i, { last: head + next.runs[0].text, nextIndex });
  });
  return found;
}
