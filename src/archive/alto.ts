// ALTO 4 for one page, from its PageLayout: pure (PageLayout + FontMetrics → XML text). The
// typesetter knows every word's box exactly; an archive's OCR only guesses them.
//
// Units: ALTO's `inch1200` (1/1200 inch): a point is exactly 1200/72 = 50/3 of them; values are
// written to 1/100 of the unit (a 1/120,000 inch), so a box converts back to points within
// 0.0006 pt. Positions are from the top-left corner of the trimmed page, as in PageLayout.
import type { FontKey, GlyphRun, PageLayout, Rect, TextLine, TextRole } from '../model/layout.js';
import { FONT_FILES } from '../text/fontFiles.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import { xmlAttribute } from '../text/xmlText.js';

export const ALTO_NAMESPACE = 'http://www.loc.gov/standards/alto/ns-v4#';

/** Points to ALTO's inch1200, to 1/100 of the unit. */
export const toInch1200 = (pt: number): number => Math.round(((pt * 1200) / 72) * 100) / 100;

export interface AltoOptions {
  /** the file the page is an image of: the archive PDF's name (sourceImageInformation) */
  pdfFile: string;
  /** Stonehand's version (processing software) */
  version: string;
  /** the edition's language (xsd:language), e.g. en */
  lang?: string;
}

/** A block of the page as METS points into it. */
export interface AltoBlock {
  id: string;
  /** the story's slug; none for furniture */
  story?: string;
  /** what it is: headline, deck, byline, body, caption, photo, … (the tag's label) */
  kind: BlockKind;
}

export interface AltoPage {
  xml: string;
  blocks: AltoBlock[];
  /** per story on the page: its headline as set (for METS labels) */
  headlines: Map<string, string>;
}

export type BlockKind = 'headline' | 'deck' | 'byline' | 'body' | 'subhead' | 'caption' | 'credit' | 'jump' | 'photo' | 'furniture' | 'label';

/** The tag of a line's role: furniture (nameplate, running head, folio) is one kind. */
const KIND_OF: Record<TextRole, BlockKind> = {
  nameplate: 'furniture',
  nameplateLine: 'furniture',
  runningHead: 'furniture',
  folio: 'furniture',
  label: 'label',
  headline: 'headline',
  deck: 'deck',
  byline: 'byline',
  source: 'byline',
  caption: 'caption',
  credit: 'credit',
  body: 'body',
  subhead: 'subhead',
  jump: 'jump',
  placeholder: 'photo',
};

const TAGS: { kind: BlockKind; label: string; description: string }[] = [
  { kind: 'furniture', label: 'furniture', description: 'page furniture: nameplate, running head, folio' },
  { kind: 'label', label: 'label', description: 'a section label over a column of briefs' },
  { kind: 'headline', label: 'headline', description: "a story's headline" },
  { kind: 'deck', label: 'deck', description: "a story's deck (subheadline)" },
  { kind: 'byline', label: 'byline', description: 'bylines and the source of a story' },
  { kind: 'body', label: 'body', description: 'body text' },
  { kind: 'subhead', label: 'subhead', description: 'a subhead within the body' },
  { kind: 'jump', label: 'jump', description: 'a jump line (continued on / from page)' },
  { kind: 'caption', label: 'caption', description: "a photo's caption" },
  { kind: 'credit', label: 'credit', description: "a photo's credit" },
  { kind: 'photo', label: 'photo', description: 'a photo (or its placeholder when missing)' },
];
const tagId = (kind: BlockKind) => `TAG_${kind}`;

/** One word as set: its text and box (points), the style of its first run. */
interface SetWord {
  text: string;
  x: number;
  width: number;
  font: FontKey;
  size: number;
}

/**
 * The words of a line with their boxes: runs that touch belong to one word ("*Maru*," is an
 * italic run and a roman comma); spaces inside a run separate words too. A word's box within
 * its run is measured with the run's font and scaled to the run's set width (expansion).
 */
export function lineWords(line: TextLine, metrics: FontMetrics): SetWord[] {
  const words: SetWord[] = [];
  let previous: GlyphRun | undefined;
  for (const run of line.runs) {
    const measured = metrics.width(run.text, run.font, run.size);
    const k = measured > 0 ? run.width / measured : 1;
    const touches = previous !== undefined && run.x - (previous.x + previous.width) <= 0.01;
    let first = true;
    for (const m of run.text.matchAll(/[^\s\u00a0]+/gu)) {
      const x = run.x + k * metrics.width(run.text.slice(0, m.index), run.font, run.size);
      const width = k * metrics.width(m[0], run.font, run.size);
      const last = words.at(-1);
      if (first && m.index === 0 && touches && last) {
        last.text += m[0];
        last.width = x + width - last.x;
      } else {
        words.push({ text: m[0], x, width, font: run.font, size: run.size });
      }
      first = false;
    }
    // a run ending in a space does not touch the next
    previous = /[\s\u00a0]$/u.test(run.text) ? undefined : run;
  }
  return words;
}

const num = (pt: number) => String(toInch1200(pt));
const box = (r: Rect) => `HPOS="${num(r.x)}" VPOS="${num(r.y)}" WIDTH="${num(r.width)}" HEIGHT="${num(r.height)}"`;
const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/** ALTO's font style of a face: bold and/or italics. */
function fontStyle(font: FontKey): string | undefined {
  const file = FONT_FILES[font];
  const styles = [/Bold|ExtraBold|800|700/.test(file) ? 'bold' : '', /Italic/.test(file) ? 'italics' : ''].filter(Boolean);
  return styles.length > 0 ? styles.join(' ') : undefined;
}
const fontFamily = (font: FontKey) => FONT_FILES[font].replace(/_.*$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');

/** A set of lines of one story and one kind, in one column: a TextBlock. */
interface Block {
  kind: BlockKind;
  story?: string;
  lines: TextLine[];
}

/**
 * The page's blocks in reading order (the layout's item order, story by story): consecutive
 * lines of the same story and kind in the same column make one block; a photo is its own.
 */
function pageBlocks(page: PageLayout): (Block | { kind: 'photo'; story: string; box: Rect })[] {
  const blocks: (Block | { kind: 'photo'; story: string; box: Rect })[] = [];
  let current: Block | undefined;
  for (const item of page.items) {
    if (item.type === 'rule') continue;
    if (item.type !== 'text' || item.role === 'placeholder') {
      current = undefined;
      blocks.push({ kind: 'photo', story: item.story ?? '', box: item.box });
      continue;
    }
    const kind = KIND_OF[item.role];
    const last = current?.lines.at(-1);
    if (current && last && current.kind === kind && current.story === item.story && Math.abs(last.box.x - item.box.x) < 0.01 && item.box.y >= last.box.y) {
      current.lines.push(item);
    } else {
      current = { kind, ...(item.story !== undefined ? { story: item.story } : {}), lines: [item] };
      blocks.push(current);
    }
  }
  return blocks;
}

/**
 * ALTO 4 for `page`: Description (unit, source image, Stonehand as the processing software),
 * a TextStyle per face and size, a tag per kind of block, and the page's PrintSpace (its type
 * area) holding a TextBlock per story part per column, TextLines with a String per word and SP
 * between them, HYP at a hyphen the hyphenator added (HypPart1/HypPart2 carrying the whole
 * word on both parts), and an Illustration per photo. A word broken at a hyphen of its own
 * (a compound, a dash) keeps the hyphen in its first part, without HYP.
 */
export function pageAlto(page: PageLayout, metrics: FontMetrics, options: AltoOptions): AltoPage {
  const blocks = pageBlocks(page);
  const styles = new Map<string, string>(); // "font size" → ID
  const styleOf = (font: FontKey, size: number) => {
    const key = `${FONT_FILES[font]} ${size}`;
    let id = styles.get(key);
    if (!id) styles.set(key, (id = `TS_${styles.size + 1}`));
    return id;
  };
  const styleAttrs = new Map<string, string>();

  // every line's words first, so that a word broken across lines knows its whole
  const lines = blocks.flatMap((b) => ('lines' in b ? b.lines : []));
  const wordsOf = new Map<TextLine, SetWord[]>(lines.map((l) => [l, lineWords(l, metrics)]));
  // per line: the whole word its last word starts (HypPart1) and its first word ends (HypPart2)
  const endsWhole = new Map<TextLine, string>();
  const startsWhole = new Map<TextLine, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.midWord && !line.hyphenated) continue;
    const next = lines.slice(i + 1).find((l) => l.story === line.story && KIND_OF[l.role] === KIND_OF[line.role] && (wordsOf.get(l)?.length ?? 0) > 0);
    const last = wordsOf.get(line)?.at(-1);
    if (!next || !last) continue;
    const head = line.hyphenated ? last.text.replace(/[-\u2010\u00ad]$/, '') : last.text;
    const whole = head + wordsOf.get(next)![0].text;
    endsWhole.set(line, whole);
    startsWhole.set(next, whole);
  }

  const headlines = new Map<string, string>();
  const altoBlocks: AltoBlock[] = [];
  const body: string[] = [];
  let blockNo = 0;
  let lineNo = 0;
  let wordNo = 0;
  for (const block of blocks) {
    const id = `P${page.number}_B${++blockNo}`;
    altoBlocks.push({ id, kind: block.kind, ...(block.story ? { story: block.story } : {}) });
    if (!('lines' in block)) {
      body.push(`<Illustration ID="${id}" TYPE="photo" ${box(block.box)} TAGREFS="${tagId('photo')}"/>`);
      continue;
    }
    if (block.kind === 'headline' && block.story) {
      const text = block.lines.map((l) => wordsOf.get(l)!.map((w) => w.text).join(' ')).join(' ');
      headlines.set(block.story, headlines.has(block.story) ? `${headlines.get(block.story)} ${text}` : text);
    }
    const lineXml: string[] = [];
    let blockBox: Rect | undefined;
    for (const line of block.lines) {
      const words = wordsOf.get(line)!;
      if (words.length === 0) continue;
      const top = line.box.y;
      const height = line.box.height;
      let lineBox: Rect = { ...line.box };
      const parts: string[] = [];
      words.forEach((word, i) => {
        const isLast = i === words.length - 1;
        let content = word.text;
        let subs = '';
        let hyp = '';
        let hyphenWidth = 0;
        if (isLast && endsWhole.has(line)) {
          if (line.hyphenated) {
            const m = /[-\u2010\u00ad]$/.exec(content);
            if (m) {
              content = content.slice(0, -1);
              const hw = (hyphenWidth = metrics.width(m[0], word.font, word.size) * (word.width / Math.max(metrics.width(word.text, word.font, word.size), 1e-9)));
              hyp = `<HYP CONTENT="${xmlAttribute(m[0])}" HPOS="${num(word.x + word.width - hw)}" VPOS="${num(top)}" WIDTH="${num(hw)}" HEIGHT="${num(height)}"/>`;
            }
          }
          subs = ` SUBS_TYPE="HypPart1" SUBS_CONTENT="${xmlAttribute(endsWhole.get(line)!)}"`;
        } else if (i === 0 && startsWhole.has(line)) {
          subs = ` SUBS_TYPE="HypPart2" SUBS_CONTENT="${xmlAttribute(startsWhole.get(line)!)}"`;
        }
        const ts = styleOf(word.font, word.size);
        if (!styleAttrs.has(ts)) {
          const style = fontStyle(word.font);
          styleAttrs.set(ts, `FONTFAMILY="${xmlAttribute(fontFamily(word.font))}" FONTSIZE="${word.size}"${style ? ` FONTSTYLE="${style}"` : ''}`);
        }
        const wordBox = { x: word.x, y: top, width: word.width - hyphenWidth, height };
        lineBox = union(lineBox, wordBox);
        if (i > 0) parts.push('<SP/>');
        parts.push(`<String ID="P${page.number}_W${++wordNo}" CONTENT="${xmlAttribute(content)}" ${box(wordBox)} STYLEREFS="${ts}"${subs}/>`);
        if (hyp) parts.push(hyp);
      });
      blockBox = blockBox ? union(blockBox, lineBox) : lineBox;
      lineXml.push(`<TextLine ID="P${page.number}_L${++lineNo}" ${box(lineBox)}>${parts.join('')}</TextLine>`);
    }
    if (!blockBox) {
      altoBlocks.pop();
      blockNo--;
      continue;
    }
    body.push(`<TextBlock ID="${id}" ${box(blockBox)} TAGREFS="${tagId(block.kind)}"${options.lang ? ` LANG="${xmlAttribute(options.lang)}"` : ''}>\n${lineXml.join('\n')}\n</TextBlock>`);
  }

  const ta = page.typeArea;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alto xmlns="${ALTO_NAMESPACE}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${ALTO_NAMESPACE} http://www.loc.gov/alto/v4/alto-4-4.xsd" SCHEMAVERSION="4.4">`,
    '<Description>',
    '<MeasurementUnit>inch1200</MeasurementUnit>',
    `<sourceImageInformation><fileName>${xmlAttribute(options.pdfFile)}</fileName></sourceImageInformation>`,
    '<Processing ID="PROC_1"><processingCategory>contentGeneration</processingCategory>',
    '<processingStepDescription>typeset: words and boxes as set, not recognised</processingStepDescription>',
    `<processingSoftware><softwareName>Stonehand</softwareName><softwareVersion>${xmlAttribute(options.version)}</softwareVersion></processingSoftware></Processing>`,
    '</Description>',
    '<Styles>',
    ...[...styles.values()].map((id) => `<TextStyle ID="${id}" ${styleAttrs.get(id)}/>`),
    '</Styles>',
    '<Tags>',
    ...TAGS.map((t) => `<${t.kind === 'furniture' || t.kind === 'photo' ? 'LayoutTag' : 'StructureTag'} ID="${tagId(t.kind)}" LABEL="${t.label}" DESCRIPTION="${xmlAttribute(t.description)}"/>`),
    '</Tags>',
    '<Layout>',
    `<Page ID="P${page.number}" PHYSICAL_IMG_NR="${page.number}" PRINTED_IMG_NR="${page.number}" WIDTH="${num(page.width)}" HEIGHT="${num(page.height)}" PROCESSINGREFS="PROC_1">`,
    `<PrintSpace ID="P${page.number}_PS" ${box(ta)}>`,
    ...body,
    '</PrintSpace>',
    '</Page>',
    '</Layout>',
    '</alto>',
    '',
  ].join('\n');
  return { xml, blocks: altoBlocks, headlines };
}
