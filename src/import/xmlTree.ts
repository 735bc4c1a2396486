// XML text → a small element tree, with saxes (a conformant, non-validating parser): it never
// reads a DTD or an external entity and never expands an entity declared in the document, so
// neither a file-reading XXE nor an entity-expansion bomb gets through; HTML's named entities
// (&nbsp;, &mdash;, …), which newsroom XML uses without declaring, are read as those characters.
// Malformed XML is a ContentError at file:line:col. Pure: text in, data out.

import { SaxesParser } from 'saxes';
import { decodeEntities } from '../content/parseArticleMarkdown.js';
import { ContentError } from '../model/errors.js';

export interface XmlElement {
  /** the local name, without its namespace prefix ("nitf", "newsItem", "p") */
  name: string;
  /** attributes by local name */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based line of the start tag */
  line: number;
}

export type XmlNode = XmlElement | string;

/** Elements nested deeper than this are refused: no news item needs it, and walkers recurse. */
export const MAX_XML_DEPTH = 200;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses `text` into its root element; see the module comment. */
export function parseXml(text: string, file: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const named = (name: string) => {
    const decoded = decodeEntities(`&${name};`);
    return decoded === `&${name};` ? undefined : decoded;
  };
  (parser as unknown as { ENTITIES: unknown }).ENTITIES = new Proxy(Object.create(null) as Record<string, string>, {
    get: (_target, name) =>
      typeof name !== 'string' ? undefined : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name] ?? named(name),
  });
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  let failure: { line: number; column: number; message: string } | undefined;
  const fail = (message: string) => {
    failure ??= { line: parser.line, column: parser.column, message };
  };
  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[localName(name)] = String(value);
    const element: XmlElement = { name: localName(tag.name), attrs, children: [], line: parser.line };
    if (stack.length === 0) root = element;
    else stack[stack.length - 1].children.push(element);
    stack.push(element);
    if (stack.length > MAX_XML_DEPTH) fail(`elements nested more than ${MAX_XML_DEPTH} deep`);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top === undefined) return;
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + t;
    else top.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    // in slices, so that a failure stops the parse where it happened
    const SLICE = 65536;
    for (let at = 0; at < text.length && failure === undefined; at += SLICE) parser.write(text.slice(at, at + SLICE));
    if (failure === undefined) parser.close();
  } catch (error) {
    fail(error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error));
  }
  if (failure !== undefined) {
    throw new ContentError(`${file}:${failure.line}:${failure.column}`, `is not well-formed XML: ${failure.message}`);
  }
  if (root === undefined) throw new ContentError(file, 'is not XML: it has no root element');
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** The child elements of `el` named `name` (any of the names). */
export function childrenNamed(el: XmlElement, ...names: string[]): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && names.includes(c.name));
}

export function childNamed(el: XmlElement, ...names: string[]): XmlElement | undefined {
  return childrenNamed(el, ...names)[0];
}

/** Every element below `el` named `name`, in document order (iterative: depth is bounded anyway). */
export function descendantsNamed(el: XmlElement, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  const todo: XmlElement[] = [el];
  while (todo.length > 0) {
    const next = todo.pop() as XmlElement;
    if (next !== el && names.includes(next.name)) out.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) {
      const c = next.children[i];
      if (isElement(c)) todo.push(c);
    }
  }
  return out;
}

export function descendantNamed(el: XmlElement, ...names: string[]): XmlElement | undefined {
  return descendantsNamed(el, ...names)[0];
}

/** Inline elements of NITF and XHTML: their text runs on without a break. */
export const INLINE_ELEMENTS = new Set(
  ('em i b strong span a person location org chron num money event function object virtloc classifier copyrite ' +
    'sub sup q lang pronounce alt-code u small abbr cite code tt big mark s del ins dfn kbd samp var time bdi bdo ruby rt rp').split(' '),
);

/** All the text below `el`, white space collapsed; `skip` names elements whose text is left out. */
export function textOf(el: XmlElement, skip: string[] = []): string {
  const parts: string[] = [];
  const walk = (node: XmlNode) => {
    if (typeof node === 'string') parts.push(node);
    else if (!skip.includes(node.name)) {
      const gap = INLINE_ELEMENTS.has(node.name) ? '' : ' ';
      parts.push(gap);
      node.children.forEach(walk);
      parts.push(gap);
    }
  };
  el.children.forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
