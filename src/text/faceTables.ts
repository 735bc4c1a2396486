// Face tables: what shaping plain text needs of a face — glyph per character, advance widths,
// ligatures, kerning — read once out of the font's OpenType tables and kept in a compact form.
// fontkit decodes GSUB/GPOS lazily through a generic binary-struct reader; on a cold process
// that decoding is most of a one-page build's time. These tables are compiled when the
// package is built (tools/compileFaceTables.ts) and the fast shaper (fastShaper.ts) shapes
// with them. Text they do not cover (combining marks, scripts other than Latin, characters
// the face decomposes or builds in context) is shaped by fontkit, as before.
import type { Font } from 'fontkit';
import { glyphAdvance, layoutTable } from './fontkitAdapter.js';

/** A ligature lookup: first glyph → [the glyphs that must follow, the ligature glyph], in table order. */
export type LigatureLookup = Map<number, Array<[number[], number]>>;

export interface FaceTables {
  unitsPerEm: number;
  /** code point → glyph, for every character the fast shaper handles in this face */
  glyphOf: Map<number, number>;
  /** glyph → advance width (font units), for every glyph the fast shaper can produce */
  advanceOf: Map<number, number>;
  /** ligature lookups in the order the font applies them */
  ligatures: LigatureLookup[];
  kerning: KerningTable;
}

/**
 * Pair kerning: adjustment of the first glyph's advance (font units), by pair key
 * (first << 16 | second), sorted for binary search. A face kerns ~40–100 thousand pairs of
 * the glyphs above; kept as two typed arrays they load without being rebuilt into a map.
 */
export interface KerningTable {
  keys: Uint32Array;
  values: Int16Array;
}

export const pairKey = (first: number, second: number) => ((first << 16) | second) >>> 0;

/** The kerning of (first, second) in font units; 0 when the face does not kern the pair. */
export function kerningOf(table: KerningTable, first: number, second: number): number {
  const key = pairKey(first, second);
  const keys = table.keys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return table.values[mid];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Tables that cover nothing: every text in the face is shaped by fontkit (the fallback faces). */
export function emptyFaceTables(unitsPerEm: number): FaceTables {
  return { unitsPerEm, glyphOf: new Map(), advanceOf: new Map(), ligatures: [], kerning: { keys: new Uint32Array(0), values: new Int16Array(0) } };
}

/** The small part of the file form of FaceTables, as JSON (the kerning follows it in binary). */
interface FaceTablesHeader {
  /** SHA-1 of the font file the tables were compiled from */
  fontSha1: string;
  unitsPerEm: number;
  /** [code point, glyph, …] */
  glyphOf: number[];
  /** [glyph, advance, …] */
  advanceOf: number[];
  /** per lookup: [first, ligature, n, …n components] repeated */
  ligatures: number[][];
  /** number of kerned pairs */
  pairs: number;
}

/**
 * The characters considered: Latin script, digits, spaces and the punctuation, symbols and
 * currency signs of European text. U+2044 (fraction slash) is left out: fontkit builds
 * fractions around it in context.
 */
export function candidateCodePoints(): number[] {
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xa0, 0x24f], // Latin-1 Supplement, Latin Extended-A and -B
    [0x1e00, 0x1eff], // Latin Extended Additional
    [0x2010, 0x2043],
    [0x2045, 0x205e],
    [0x20a0, 0x20c0], // currency
    [0x2100, 0x214f], // letterlike (№, ™, ℓ…)
    [0x2190, 0x2199], // arrows
    [0x2212, 0x2212], // minus
  ];
  const cps: number[] = [];
  for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) cps.push(cp);
  return cps;
}

// The fontkit GSUB/GPOS structures this module reads (fontkit does not type them).
interface Coverage {
  version: 1 | 2;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number; startCoverageIndex: number }>;
}
interface ClassDef {
  version: 1 | 2;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: Array<{ start: number; end: number; class: number }>;
}
interface ValueRecord {
  xPlacement?: number;
  yPlacement?: number;
  xAdvance?: number;
  yAdvance?: number;
}
interface Lookup {
  lookupType: number;
  flags: Record<string, boolean>;
  subTables: SubTable[];
}
interface LazyList<T> {
  length: number;
  get(index: number): T;
  toArray(): T[];
}
type SubTable = {
  version: number;
  coverage: Coverage;
  extension?: SubTable;
  lookupType?: number;
  // PairPos
  pairSets?: LazyList<Array<{ secondGlyph: number; value1?: ValueRecord; value2?: ValueRecord }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  class1Count?: number;
  class2Count?: number;
  classRecords?: LazyList<LazyList<{ value1?: ValueRecord; value2?: ValueRecord }>>;
  // LigatureSubst
  ligatureSets?: LazyList<Array<{ glyph: number; components: number[] }>> | Array<Array<{ glyph: number; components: number[] }>>;
};
interface LayoutTable {
  scriptList: Array<{ tag: string; script: { defaultLangSys?: { featureIndexes: number[]; reqFeatureIndex: number } } }>;
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: LazyList<Lookup>;
}

export function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) return coverage.glyphs!.indexOf(glyph);
  for (const range of coverage.rangeRecords!) {
    if (range.start <= glyph && glyph <= range.end) return range.startCoverageIndex + glyph - range.start;
  }
  return -1;
}

export function classOf(classDef: ClassDef, glyph: number): number {
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph!;
    return i >= 0 && i < classDef.classValueArray!.length ? classDef.classValueArray![i] : 0;
  }
  for (const range of classDef.classRangeRecord!) if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
}

/** The features fontkit applies by default to horizontal left-to-right text. */
const GSUB_FEATURES = ['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt'];

/** The lookup indexes of `features` under the default language of `latn` (or DFLT), sorted. */
function lookupIndexes(table: LayoutTable, features: string[], font: string): number[] {
  const langSysOf = (tag: string) => table.scriptList.find((s) => s.tag === tag)?.script.defaultLangSys;
  const indexesFor = (tag: string) => {
    const langSys = langSysOf(tag);
    if (!langSys) return undefined;
    const found = new Set<number>();
    for (const f of langSys.featureIndexes) {
      const feature = table.featureList[f];
      if (features.includes(feature.tag)) for (const l of feature.feature.lookupListIndexes) found.add(l);
    }
    return [...found].sort((a, b) => a - b);
  };
  const latn = indexesFor('latn');
  const dflt = indexesFor('DFLT');
  // fontkit shapes text without letters (digits, punctuation) under DFLT, text with letters under latn
  if (latn && dflt && latn.join() !== dflt.join()) throw new Error(`${font}: DFLT and latn apply different lookups; the fast shaper cannot stand in for fontkit`);
  return latn ?? dflt ?? [];
}

const isZero = (v?: ValueRecord) => !v || (!v.xPlacement && !v.yPlacement && !v.yAdvance && !v.xAdvance);

/**
 * Reads a face's tables for the characters in `candidates` that it can shape without fontkit:
 * those that map to one glyph of their own (after the default single substitutions) that is
 * not a mark. Throws when the face uses a feature the fast shaper does not model on them.
 */
export function compileFaceTables(font: Font, candidates: number[], name: string): FaceTables {
  const glyphOf = new Map<number, number>();
  const advanceOf = new Map<number, number>();
  const gdef = layoutTable<{ glyphClassDef?: ClassDef }>(font, 'GDEF');
  for (const cp of candidates) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    const run = font.layout(String.fromCodePoint(cp));
    if (run.glyphs.length !== 1) continue;
    const glyph = run.glyphs[0];
    const p = run.positions[0];
    if (p.xOffset !== 0 || p.yOffset !== 0 || p.yAdvance !== 0 || p.xAdvance !== glyph.advanceWidth) continue;
    if (gdef?.glyphClassDef && classOf(gdef.glyphClassDef, glyph.id) === 3) continue; // a mark
    glyphOf.set(cp, glyph.id);
    advanceOf.set(glyph.id, glyph.advanceWidth);
  }

  const tables = { GSUB: layoutTable<LayoutTable>(font, 'GSUB'), GPOS: layoutTable<LayoutTable>(font, 'GPOS') };
  const ligatures: LigatureLookup[] = [];
  if (tables.GSUB) {
    for (const index of lookupIndexes(tables.GSUB, GSUB_FEATURES, name)) {
      const lookup = tables.GSUB.lookupList.get(index);
      const lookupType = lookup.lookupType === 7 ? lookup.subTables[0].lookupType : lookup.lookupType;
      // single substitutions are already in glyphOf (they apply to a character alone); what
      // remains to model is ligatures. Contextual lookups are checked against fontkit by the
      // tests, on every pair of characters and on real text.
      if (lookupType !== 4) continue;
      const byFirst: LigatureLookup = new Map();
      for (const sub of lookup.subTables) {
        const table = lookup.lookupType === 7 ? sub.extension! : sub;
        const sets = table.ligatureSets!;
        const setAt = (i: number) => ('get' in sets ? sets.get(i) : sets[i]);
        for (const first of new Set(advanceOf.keys())) {
          const i = coverageIndex(table.coverage, first);
          if (i === -1) continue;
          for (const lig of setAt(i)) {
            if (!lig.components.every((c) => advanceOf.has(c))) continue;
            const list = byFirst.get(first) ?? [];
            list.push([lig.components, lig.glyph]);
            byFirst.set(first, list);
            advanceOf.set(lig.glyph, glyphAdvance(font, lig.glyph));
          }
        }
      }
      if (byFirst.size > 0) ligatures.push(byFirst);
    }
  }

  const kerning = new Map<number, number>();
  if (tables.GPOS) {
    const glyphs = [...advanceOf.keys()].sort((a, b) => a - b);
    for (const index of lookupIndexes(tables.GPOS, ['kern'], name)) {
      const lookup = tables.GPOS.lookupList.get(index);
      const subTables = lookup.subTables.map((s) => (lookup.lookupType === 9 ? s.extension! : s));
      const lookupType = lookup.lookupType === 9 ? lookup.subTables[0].lookupType : lookup.lookupType;
      if (lookupType !== 2) throw new Error(`${name}: kern lookup ${index} is of type ${lookupType}, not pair adjustment`);
      // each subtable's coverage index of every glyph, computed once
      const covered = subTables.map((table) => new Map(glyphs.map((g) => [g, coverageIndex(table.coverage, g)] as const).filter(([, i]) => i !== -1)));
      for (const first of glyphs) {
        for (const second of glyphs) {
          const value = pairValue(subTables, covered, first, second);
          if (!value) continue;
          if (!isZero(value.value2) || value.value1?.xPlacement || value.value1?.yPlacement || value.value1?.yAdvance) {
            throw new Error(`${name}: kerning of glyphs ${first}, ${second} moves more than the first glyph's advance`);
          }
          const x = value.value1?.xAdvance ?? 0;
          if (x !== 0) {
            const key = pairKey(first, second);
            kerning.set(key, (kerning.get(key) ?? 0) + x);
          }
        }
      }
    }
  }
  const keys = Uint32Array.from([...kerning.keys()].sort((a, b) => a - b));
  const values = Int16Array.from(keys, (key) => {
    const value = kerning.get(key)!;
    if (value < -32768 || value > 32767) throw new Error(`${name}: kerning of ${value} units does not fit 16 bits`);
    return value;
  });
  return { unitsPerEm: font.unitsPerEm, glyphOf, advanceOf, ligatures, kerning: { keys, values } };
}

/** The pair adjustment a kern lookup's subtables give (first, second): the first subtable that applies, as fontkit does. */
function pairValue(subTables: SubTable[], covered: Array<Map<number, number>>, first: number, second: number): { value1?: ValueRecord; value2?: ValueRecord } | undefined {
  for (let t = 0; t < subTables.length; t++) {
    const table = subTables[t];
    const index = covered[t].get(first);
    if (index === undefined) continue;
    if (table.version === 1) {
      for (const pair of table.pairSets!.get(index)) if (pair.secondGlyph === second) return pair;
      continue;
    }
    const class1 = classOf(table.classDef1!, first);
    const class2 = classOf(table.classDef2!, second);
    return table.classRecords!.get(class1).get(class2);
  }
  return undefined;
}

/**
 * The file form of a face's tables (compileFaceTables writes it, loadFonts reads it): a 32-bit
 * length, that many bytes of JSON header, padding to a multiple of 4, then the kerning keys
 * (uint32) and values (int16) as they lie in memory, so they load without being decoded.
 */
export function faceTablesToBytes(tables: FaceTables, fontSha1: string): Buffer {
  const header: FaceTablesHeader = {
    fontSha1,
    unitsPerEm: tables.unitsPerEm,
    glyphOf: [...tables.glyphOf].flat(),
    advanceOf: [...tables.advanceOf].flat(),
    ligatures: tables.ligatures.map((lookup) => [...lookup].flatMap(([first, ligs]) => ligs.flatMap(([components, glyph]) => [first, glyph, components.length, ...components]))),
    pairs: tables.kerning.keys.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const keysAt = align4(4 + json.length);
  const bytes = Buffer.alloc(keysAt + tables.kerning.keys.byteLength + tables.kerning.values.byteLength);
  bytes.writeUInt32LE(json.length, 0);
  json.copy(bytes, 4);
  Buffer.from(tables.kerning.keys.buffer, tables.kerning.keys.byteOffset, tables.kerning.keys.byteLength).copy(bytes, keysAt);
  Buffer.from(tables.kerning.values.buffer, tables.kerning.values.byteOffset, tables.kerning.values.byteLength).copy(bytes, keysAt + tables.kerning.keys.byteLength);
  return bytes;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Reads faceTablesToBytes' form; the SHA-1 tells which font bytes the tables belong to. */
export function faceTablesFromBytes(bytes: Buffer): { fontSha1: string; tables: FaceTables } {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as FaceTablesHeader;
  const keysAt = align4(4 + length);
  const valuesAt = keysAt + header.pairs * 4;
  if (bytes.length !== valuesAt + header.pairs * 2) throw new Error(`face tables of ${bytes.length} bytes, expected ${valuesAt + header.pairs * 2}`);
  // views on the file's bytes where they are aligned for their type (a file read whole is)
  const view = <T>(at: number, size: number, make: (buffer: ArrayBufferLike, offset: number, count: number) => T, copy: () => T) =>
    (bytes.byteOffset + at) % size === 0 ? make(bytes.buffer, bytes.byteOffset + at, header.pairs) : copy();
  const keys = view(keysAt, 4, (b, o, n) => new Uint32Array(b, o, n), () => new Uint32Array(new Uint8Array(bytes.subarray(keysAt, valuesAt)).buffer));
  const values = view(valuesAt, 2, (b, o, n) => new Int16Array(b, o, n), () => new Int16Array(new Uint8Array(bytes.subarray(valuesAt)).buffer));
  const pairs = (flat: number[]) => {
    const map = new Map<number, number>();
    for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
    return map;
  };
  const ligatures = header.ligatures.map((flat) => {
    const lookup: LigatureLookup = new Map();
    for (let i = 0; i < flat.length; ) {
      const [first, glyph, n] = [flat[i], flat[i + 1], flat[i + 2]];
      const list = lookup.get(first) ?? [];
      list.push([flat.slice(i + 3, i + 3 + n), glyph]);
      lookup.set(first, list);
      i += 3 + n;
    }
    return lookup;
  });
  return {
    fontSha1: header.fontSha1,
    tables: { unitsPerEm: header.unitsPerEm, glyphOf: pairs(header.glyphOf), advanceOf: pairs(header.advanceOf), ligatures, kerning: { keys, values } },
  };
}
