// The IPTC exchange formats newsrooms use → a clean Article, with an account of what was
// recognised and what could not be placed (the same WireImport the wire-copy importer gives):
// - NITF 3.x: head (title, docdata: date.issue, doc.copyright), body.head (hedline hl1/hl2,
//   byline with byttl, distributor, dateline with location and story.date, abstract),
//   body.content (p, hl2 subheads, block, bq, ul/ol, media with caption and producer), body.end
//   (tagline);
// - NewsML-G2 newsItem (alone or in a newsMessage): contentMeta headline, description (deck),
//   creator (bylines), located (dateline), language, contentCreated / itemMeta firstCreated
//   (date); contentSet inlineXML with an XHTML or a NITF body.
// Pure: text in, data out.

import type { Article, Block, Photo, Span } from '../model/article.js';
import { ContentError } from '../model/errors.js';
import { normaliseSpans } from '../content/parseArticleMarkdown.js';
import { parseDateLine } from '../content/feedDates.js';
import {
  describeBlocks,
  slugFromFile,
  splitByline,
  splitCaptionCredit,
  splitDateline,
  type Recognised,
  type Unplaced,
  type WireImport,
} from './parseWireCopy.js';
import {
  INLINE_ELEMENTS,
  childNamed,
  childrenNamed,
  descendantNamed,
  descendantsNamed,
  isElement,
  parseXml,
  textOf,
  type XmlElement,
  type XmlNode,
} from './xmlTree.js';

/** True when `text` is XML (a declaration or a root tag first), not wire copy or Markdown. */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*<(?:\?xml|!--|!DOCTYPE|[A-Za-z_][\w.:-]*[\s>/])/.test(text);
}

/** The fields a news item gives, gathered before they become an Article. */
interface Gathered {
  headline?: string;
  deck?: string;
  bylines: string[];
  source?: string;
  dateline?: string;
  date?: string;
  lang?: string;
  photo?: Photo;
  body: Block[];
}

/**
 * Reads one news item into `g`, noting each field it recognises (with the element's line) and
 * every piece it cannot place. The first value of a field wins; a different second one is
 * reported as unplaced, never dropped silently.
 */
class Importer {
  constructor(readonly file: string) {}

  readonly recognised: Recognised[] = [];
  readonly unplaced: Unplaced[] = [];
  readonly g: Gathered = { bylines: [], body: [] };
  /** the line of the element being read, and of the body's first block */
  line = 0;
  firstBodyLine = 0;

  note(field: string, el: XmlElement, value: string): void {
    this.recognised.push({ field, line: el.line, value });
  }

  set<K extends 'headline' | 'deck' | 'source' | 'dateline' | 'date' | 'lang'>(key: K, value: string | undefined, el: XmlElement, field: string = key): void {
    if (value === undefined || value === '') return;
    if (this.g[key] !== undefined) {
      if (this.g[key] !== value) this.unplaced.push({ line: el.line, text: value, reason: `a second ${field} (the ${field} is already "${this.g[key]}")` });
      return;
    }
    this.g[key] = value;
    this.note(field, el, value);
  }

  /** A date element's normalised form (`norm`, `value`) or its text, as YYYY-MM-DD. */
  dateFrom(el: XmlElement | undefined, field = 'date', fallback = false): void {
    if (el === undefined || (fallback && this.g.date !== undefined)) return;
    const raw = el.attrs.norm ?? el.attrs.value ?? textOf(el);
    const date = parseDateLine(raw);
    if (date !== undefined) this.set('date', date, el, field === 'date' ? 'date' : field);
    else if (raw.trim() !== '') this.unplaced.push({ line: el.line, text: raw, reason: `a ${el.name} that is not a date we can read` });
  }

  addBylines(text: string, el: XmlElement): void {
    const t = text.replace(/^by:?\s+/i, 'By ').trim();
    if (t === '') return;
    const split = splitByline(t);
    const names = split?.names ?? [t.replace(/^By\s+/, '')];
    for (const name of names) {
      if (this.g.bylines.includes(name)) continue;
      this.g.bylines.push(name);
      this.note('byline', el, name);
    }
    if (split?.trailer !== undefined) this.set('source', split.trailer, el);
  }

  photoFrom(reference: string | undefined, el: XmlElement, caption: string | undefined, credit: string | undefined): void {
    if (reference === undefined || reference.trim() === '') {
      if (caption || credit) this.unplaced.push({ line: el.line, text: [caption, credit].filter(Boolean).join(' '), reason: 'a photo caption or credit without a photo file' });
      return;
    }
    if (this.g.photo !== undefined) {
      this.unplaced.push({ line: el.line, text: [reference, caption, credit].filter(Boolean).join(' — '), reason: 'a second photo; an article carries one photo' });
      return;
    }
    const ref = reference.trim();
    // a URL or an absolute path names the photo; it is expected in the article's photos/ folder
    const file = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref) || ref.startsWith('/') || ref.startsWith('\\') || ref.includes('..')
      ? `photos/${fileNameOf(ref)}`
      : ref;
    const photo: Photo = { file };
    this.note('photo', el, file);
    if (caption) {
      const split = credit ? { caption } : splitCaptionCredit(caption);
      if (split.caption) {
        photo.caption = split.caption;
        this.note('caption', el, split.caption);
      }
      if (split.credit) credit = split.credit;
    }
    if (credit) {
      photo.credit = credit;
      this.note('credit', el, credit);
    }
    this.g.photo = photo;
  }

  // -------------------------------------------------------------------------------------------
  // Body: NITF body.content and XHTML body share their shape closely enough for one walker.

  walkBody(el: XmlElement, inQuote = false): void {
    // text and inline elements straight inside a block element run on as one paragraph
    let run: XmlNode[] = [];
    const flush = () => {
      if (run.length > 0) this.paragraph(spansOf({ ...el, children: run }), inQuote);
      run = [];
    };
    for (const node of el.children) {
      if (!isElement(node) || INLINE_ELEMENTS.has(node.name.toLowerCase())) {
        if (run.length === 0 && isElement(node)) this.line = node.line;
        run.push(node);
        continue;
      }
      flush();
      const name = node.name.toLowerCase();
      this.line = node.line;
      if (name === 'p' || name === 'pre' || name === 'note' || name === 'fn' || name === 'caption' || name === 'dd' || name === 'dt') {
        this.paragraph(spansOf(node), inQuote);
      } else if (name === 'hl2' || /^h[1-6]$/.test(name) || name === 'hl1') {
        const text = textOf(node);
        if (text !== '') {
          if (this.g.body.length === 0) this.firstBodyLine = node.line;
          this.g.body.push({ kind: 'subhead', text });
          this.note('subhead', node, text);
        }
      } else if (name === 'bq' || name === 'blockquote') {
        this.walkBody(node, true);
      } else if (name === 'credit') {
        this.paragraph([{ text: `— ${textOf(node)}`, italic: false, bold: false }], inQuote);
      } else if (name === 'ul' || name === 'ol' || name === 'dl') {
        this.list(node, name === 'ol');
      } else if (name === 'media') {
        this.media(node);
      } else if (name === 'figure') {
        const img = descendantNamed(node, 'img');
        const caption = childNamed(node, 'figcaption');
        this.photoFrom(img?.attrs.src, node, caption ? textOf(caption) : img?.attrs.alt, undefined);
      } else if (name === 'img') {
        this.photoFrom(node.attrs.src, node, node.attrs.alt, undefined);
      } else if (name === 'table') {
        const rows = descendantsNamed(node, 'tr');
        for (const row of rows.length > 0 ? rows : [node]) this.paragraph([{ text: textOf(row), italic: false, bold: false }], inQuote);
        this.note('table (kept as text)', node, `${rows.length} row${rows.length === 1 ? '' : 's'}`);
      } else if (name === 'br' || name === 'hr' || name === 'script' || name === 'style' || name === 'head' || name === 'title' || name === 'meta') {
        // no words of the article: layout, code and page metadata
        if ((name === 'script' || name === 'style') && textOf(node) !== '') this.note(`${name} (left out)`, node, `${textOf(node).length} characters`);
      } else {
        // block, div, section, body.content, …: their contents
        this.walkBody(node, inQuote);
      }
    }
    flush();
  }

  paragraph(spans: Span[], inQuote: boolean): void {
    const norm = normaliseSpans(spans);
    if (norm.length === 0) return;
    if (this.g.body.length === 0) this.firstBodyLine = this.line;
    this.g.body.push(inQuote ? { kind: 'quote', spans: norm } : { kind: 'paragraph', spans: norm });
  }

  list(el: XmlElement, ordered: boolean): void {
    let n = Number.parseInt(el.attrs.start ?? '1', 10);
    if (!Number.isFinite(n) || n < 0 || n > 1e8) n = 1;
    let items = 0;
    for (const item of el.children) {
      if (!isElement(item)) {
        this.paragraph([{ text: item, italic: false, bold: false }], false);
        continue;
      }
      const spans = normaliseSpans(spansOf(item));
      if (spans.length === 0) continue;
      if (this.g.body.length === 0) this.firstBodyLine = item.line;
      this.g.body.push({ kind: 'listItem', marker: ordered ? `${n++}.` : '•', spans });
      items++;
    }
    this.note(ordered ? 'numbered list' : 'bulleted list', el, `${items} item${items === 1 ? '' : 's'}`);
  }

  media(el: XmlElement): void {
    const type = (el.attrs['media-type'] ?? '').toLowerCase();
    const refs = childrenNamed(el, 'media-reference');
    const ref = refs.find((r) => (r.attrs['mime-type'] ?? '').startsWith('image/')) ?? refs[0];
    const caption = childrenNamed(el, 'media-caption').map((c) => textOf(c)).filter(Boolean).join(' ');
    const credit = childrenNamed(el, 'media-producer', 'media-credit').map((c) => textOf(c)).filter(Boolean).join(' ');
    if (type !== '' && type !== 'image' && type !== 'photo' && type !== 'graphic') {
      this.unplaced.push({ line: el.line, text: [ref?.attrs.source, caption, credit].filter(Boolean).join(' — ') || type, reason: `${type} media; only photos are set` });
      return;
    }
    this.photoFrom(ref?.attrs.source ?? ref?.attrs.href, el, caption || undefined, credit || undefined);
  }

  // -------------------------------------------------------------------------------------------

  nitf(nitf: XmlElement): void {
    const lang = nitf.attrs.lang ?? nitf.attrs.baselang ?? descendantNamed(nitf, 'body')?.attrs.lang;
    this.set('lang', lang, nitf, 'language');
    const head = childNamed(nitf, 'head');
    const body = childNamed(nitf, 'body') ?? nitf;
    const bodyHead = childNamed(body, 'body.head');
    if (bodyHead) {
      const hedline = childNamed(bodyHead, 'hedline');
      if (hedline) {
        const hl1 = childNamed(hedline, 'hl1');
        if (hl1) this.set('headline', textOf(hl1), hl1);
        for (const hl2 of childrenNamed(hedline, 'hl2')) this.set('deck', textOf(hl2), hl2);
      }
      for (const byline of childrenNamed(bodyHead, 'byline')) {
        const title = childNamed(byline, 'byttl');
        const persons = childrenNamed(byline, 'person');
        if (persons.length > 0 && textOf(byline, ['byttl', 'person']).replace(/^by:?/i, '').replace(/\band\b|[,&]/gi, '').trim() === '') {
          for (const p of persons) this.addBylines(textOf(p), byline);
        } else this.addBylines(textOf(byline, ['byttl']), byline);
        if (title) this.note('byline title', title, textOf(title));
      }
      const distributor = childNamed(bodyHead, 'distributor');
      if (distributor) this.set('source', textOf(distributor), distributor);
      const dateline = childNamed(bodyHead, 'dateline');
      if (dateline) {
        const location = childNamed(dateline, 'location');
        this.set('dateline', textOf(location ?? dateline, ['story.date']).replace(/[\s,–—-]+$/u, ''), dateline);
        this.dateFrom(childNamed(dateline, 'story.date'), 'date', true);
      }
      const abstract = childNamed(bodyHead, 'abstract');
      if (abstract && this.g.deck === undefined) this.set('deck', textOf(abstract), abstract);
      else if (abstract) this.unplaced.push({ line: abstract.line, text: textOf(abstract), reason: 'an abstract beside the deck (hl2)' });
    }
    if (head) {
      const title = childNamed(head, 'title');
      if (title && this.g.headline === undefined) this.set('headline', textOf(title), title);
      const docdata = childNamed(head, 'docdata');
      if (docdata) {
        this.dateFrom(childNamed(docdata, 'date.issue'), 'date', true);
        const copyright = childNamed(docdata, 'doc.copyright');
        if (copyright?.attrs.holder) this.set('source', copyright.attrs.holder, copyright);
      }
    }
    const content = childNamed(body, 'body.content');
    if (content) this.walkBody(content);
    const end = childNamed(body, 'body.end');
    if (end) {
      for (const tagline of childrenNamed(end, 'tagline')) {
        this.paragraph(spansOf(tagline).map((s) => ({ ...s, italic: true })), false);
        this.note('tagline', tagline, textOf(tagline));
      }
    }
  }

  newsItem(item: XmlElement): void {
    const meta = childNamed(item, 'contentMeta');
    const itemMeta = childNamed(item, 'itemMeta');
    this.set('lang', item.attrs.lang, item, 'language');
    if (meta) {
      const headlines = childrenNamed(meta, 'headline');
      const main = headlines.find((h) => /main/.test(h.attrs.role ?? '')) ?? headlines[0];
      if (main) this.set('headline', textOf(main), main);
      for (const h of headlines) if (h !== main) this.set('deck', textOf(h), h);
      const descriptions = childrenNamed(meta, 'description');
      const summary = descriptions.find((d) => /summary|abstract|deck/.test(d.attrs.role ?? '')) ?? descriptions.find((d) => !/caption/.test(d.attrs.role ?? ''));
      if (summary) this.set('deck', textOf(summary), summary);
      for (const d of descriptions) {
        if (d !== summary) this.unplaced.push({ line: d.line, text: textOf(d), reason: `a description (${d.attrs.role ?? 'no role'}) beside the deck` });
      }
      for (const creator of childrenNamed(meta, 'creator', 'contributor')) {
        if (creator.name === 'contributor') {
          this.note('contributor', creator, textOf(childNamed(creator, 'name') ?? creator) || creator.attrs.literal || '');
          continue;
        }
        const name = childNamed(creator, 'name');
        this.addBylines(name ? textOf(name) : textOf(creator) || creator.attrs.literal || '', creator);
      }
      const located = childNamed(meta, 'located');
      if (located) this.set('dateline', textOf(childNamed(located, 'name') ?? located) || located.attrs.literal, located);
      const language = childNamed(meta, 'language');
      if (language) this.set('lang', language.attrs.tag, language, 'language');
      this.dateFrom(childNamed(meta, 'contentCreated'));
    }
    if (itemMeta) {
      this.dateFrom(childNamed(itemMeta, 'firstCreated'), 'date', true);
      const provider = childNamed(itemMeta, 'provider');
      if (provider) this.set('source', textOf(childNamed(provider, 'name') ?? provider) || provider.attrs.literal, provider);
    }
    const rights = childNamed(item, 'rightsInfo');
    const holder = rights ? childNamed(rights, 'copyrightHolder') : undefined;
    if (holder) this.set('source', textOf(childNamed(holder, 'name') ?? holder) || holder.attrs.literal, holder);

    const contentSet = childNamed(item, 'contentSet');
    const inline = contentSet ? childrenNamed(contentSet, 'inlineXML', 'inlineData') : [];
    if (inline.length === 0) throw new ContentError(this.file, 'is a NewsML-G2 item without inline content (contentSet/inlineXML): there is no text to set');
    const [first, ...others] = inline;
    for (const other of others) this.note('alternative rendition (not read)', other, other.attrs.contenttype ?? other.name);
    if (first.name === 'inlineData') {
      for (const para of textOf(first).split(/\n\s*\n/)) this.paragraph([{ text: para, italic: false, bold: false }], false);
      this.note('body format', first, 'plain text');
      return;
    }
    const nitf = childNamed(first, 'nitf');
    const html = childNamed(first, 'html');
    if (nitf) {
      this.note('body format', first, 'NITF');
      this.nitf(nitf);
    } else if (html) {
      this.note('body format', first, 'XHTML');
      const head = childNamed(html, 'head');
      const title = head ? childNamed(head, 'title') : undefined;
      if (title && this.g.headline === undefined) this.set('headline', textOf(title), title);
      this.walkBody(childNamed(html, 'body') ?? html);
    } else {
      this.note('body format', first, 'XML');
      this.walkBody(first);
    }
  }
}

/** The file name at the end of a URL or path: "https://x/pix/a%20b.jpg?w=1" → "a b.jpg". */
function fileNameOf(ref: string): string {
  const last = ref.split(/[?#]/)[0].split(/[/\\]/).pop() ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a malformed %-escape: the name as written
  }
  return name.replace(/[/\\]/g, '-') || 'photo';
}

/** Inline content of `el` → spans with emphasis (em/i italic, strong/b bold). */
function spansOf(el: XmlElement): Span[] {
  const spans: Span[] = [];
  const walk = (node: XmlElement | string, italic: boolean, bold: boolean) => {
    if (typeof node === 'string') {
      spans.push({ text: node, italic, bold });
      return;
    }
    const name = node.name.toLowerCase();
    if (name === 'br') {
      spans.push({ text: ' ', italic: false, bold: false });
      return;
    }
    const gap = INLINE_ELEMENTS.has(name) ? '' : ' ';
    if (gap) spans.push({ text: gap, italic: false, bold: false });
    const it = italic || name === 'em' || name === 'i';
    const bo = bold || name === 'strong' || name === 'b';
    for (const c of node.children) walk(c, it, bo);
    if (gap) spans.push({ text: gap, italic: false, bold: false });
  };
  for (const c of el.children) walk(c, false, false);
  return spans;
}

/** Parses a NITF document or a NewsML-G2 news item. `file` names the source and gives the slug. */
export function parseNewsXml(text: string, file: string, defaultLang = 'en'): WireImport {
  const root = parseXml(text, file);
  const imp = new Importer(file);
  if (root.name === 'nitf') {
    imp.note('format', root, `NITF${root.attrs.version ? ` ${root.attrs.version.replace(/^-\/\/IPTC\/\/DTD NITF /, '').replace(/\/\/EN$/, '')}` : ''}`);
    imp.nitf(root);
  } else if (root.name === 'newsItem' || root.name === 'newsMessage') {
    const item = root.name === 'newsItem' ? root : descendantNamed(root, 'newsItem');
    if (item === undefined) throw new ContentError(file, 'is a NewsML-G2 newsMessage without a newsItem');
    imp.note('format', item, 'NewsML-G2 newsItem');
    if (root !== item) {
      const more = descendantsNamed(root, 'newsItem').length - 1;
      if (more > 0) imp.unplaced.push({ line: root.line, text: `${more} more newsItem${more === 1 ? '' : 's'}`, reason: 'a newsMessage carries several items; only the first is read' });
    }
    imp.newsItem(item);
  } else if (root.name === 'html') {
    imp.note('format', root, 'XHTML');
    const head = childNamed(root, 'head');
    const title = head ? childNamed(head, 'title') : undefined;
    if (title) imp.set('headline', textOf(title), title);
    imp.walkBody(childNamed(root, 'body') ?? root);
  } else if (/^(?:packageItem|conceptItem|planningItem|knowledgeItem|catalog)$/.test(root.name)) {
    throw new ContentError(file, `is a NewsML-G2 ${root.name}, which carries no article text; import reads a newsItem (or a newsMessage holding one)`);
  } else {
    throw new ContentError(file, `is XML but neither NITF nor NewsML-G2 (its root element is <${root.name}>); import reads <nitf> and <newsItem>`);
  }
  const g = imp.g;
  // a headline from the first subhead of an XHTML body that had no other (h1 before the text)
  if (g.headline === undefined && g.body[0]?.kind === 'subhead') {
    g.headline = (g.body.shift() as { text: string }).text;
    const i = imp.recognised.findIndex((r) => r.field === 'subhead');
    if (i >= 0) imp.recognised[i] = { ...imp.recognised[i], field: 'headline' };
  }
  if (g.headline === undefined) throw new ContentError(file, 'has no headline (NITF hedline/hl1, NewsML-G2 contentMeta/headline)');
  // an XHTML body that opens by repeating the headline
  const opening = g.body[0];
  if (opening?.kind === 'subhead' && opening.text === g.headline) {
    g.body.shift();
    const i = imp.recognised.findIndex((r) => r.field === 'subhead');
    if (i >= 0) imp.recognised[i] = { ...imp.recognised[i], field: 'headline repeated in the body (left out)' };
  }

  // the dateline run-in at the start of the first paragraph: lifted out, or dropped when it
  // only repeats the dateline element's place
  const first = g.body[0];
  if (first?.kind === 'paragraph' && !first.spans[0].italic && !first.spans[0].bold) {
    const run = splitDateline(first.spans[0].text);
    if (run !== undefined) {
      const place = run.dateline.split(/[,(]/)[0].trim().toUpperCase();
      if (g.dateline === undefined || g.dateline.toUpperCase().startsWith(place) || place.startsWith(g.dateline.toUpperCase())) {
        const line = imp.firstBodyLine;
        if (g.dateline === undefined) {
          g.dateline = run.dateline;
          imp.recognised.push({ field: 'dateline', line, value: run.dateline });
        } else imp.recognised.push({ field: 'dateline run-in (repeats the dateline)', line, value: run.dateline });
        const trailing = /\s*$/.exec(first.spans[0].text)?.[0] ?? '';
        first.spans = normaliseSpans([{ ...first.spans[0], text: run.rest + trailing }, ...first.spans.slice(1)]);
        if (first.spans.length === 0) g.body.shift();
      }
    }
  }
  imp.recognised.push({ field: 'body', line: imp.firstBodyLine, value: describeBlocks(g.body) });

  let lang = g.lang ?? defaultLang;
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    imp.unplaced.push({ line: root.line, text: lang, reason: `a language that is not a language tag; ${defaultLang} is used` });
    lang = defaultLang;
  }
  const article: Article = { slug: slugFromFile(file), sourcePath: file, headline: g.headline, bylines: g.bylines, lang, body: g.body };
  if (g.deck !== undefined) article.deck = g.deck;
  if (g.source !== undefined) article.source = g.source;
  if (g.dateline !== undefined) article.dateline = g.dateline;
  if (g.date !== undefined) article.date = g.date;
  if (g.photo !== undefined) article.photo = g.photo;
  const recognised = [...imp.recognised].sort((a, b) => a.line - b.line);
  return { article, recognised, unplaced: imp.unplaced };
}
