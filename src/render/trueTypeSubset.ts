import type { Font } from 'fontkit';
import { fontFileBytes, tableDirectory, type TableEntry } from '../text/fontkitAdapter.js';


// Composite glyph flags (OpenType glyf table)
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The subset of a TrueType (glyf) font that pdfkit embeds, byte for byte what fontkit's
 * TTFSubset writes — the tables head, hhea, loca, maxp, cvt, prep, glyf, hmtx and fpgm, in
 * that order, unpadded, checksums zero — but made by copying glyph data straight from the
 * file (renumbering the components of composite glyphs) instead of decoding every glyph's
 * outline and encoding the tables through fontkit's generic struct codec, which costs a cold
 * process ~5 ms a face. Glyphs get new ids in the order they are first included; 0 is .notdef.
 */
export class TrueTypeSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly tables: Record<string, TableEntry | undefined>;

  constructor(font: Font) {
    // the file's bytes and its table directory, as fontkit holds them
    this.bytes = fontFileBytes(font);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.tables = tableDirectory(font);
    for (const tag of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx']) {
      if (!this.tables[tag]) throw new Error(`TrueTypeSubset: the font has no ${tag} table`);
    }
    this.includeGlyph(0);
  }

  /** The subset's id for glyph `glyph` of the font, including it if it is not yet. */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    let mapped = this.mapping.get(id);
    if (mapped === undefined) {
      mapped = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, mapped);
    }
    return mapped;
  }

  /** The subset font file. */
  encode(): Buffer {
    const head = this.tables.head!;
    const glyf = this.tables.glyf!;
    const longLoca = this.view.getInt16(head.offset + 50) === 1; // indexToLocFormat
    const locaAt = this.tables.loca!.offset;
    const glyphOffset = (gid: number) => (longLoca ? this.view.getUint32(locaAt + gid * 4) : this.view.getUint16(locaAt + gid * 2) * 2);
    const numberOfHMetrics = this.view.getUint16(this.tables.hhea!.offset + 34);
    const hmtxAt = this.tables.hmtx!.offset;

    const glyphData: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: Array<[number, number]> = [];
    let offset = 0;
    // glyphs grows while composites include their components
    for (let i = 0; i < this.glyphs.length; i++) {
      const gid = this.glyphs[i];
      let data: Uint8Array = this.bytes.subarray(glyf.offset + glyphOffset(gid), glyf.offset + glyphOffset(gid + 1));
      if (data.length >= 10 && new DataView(data.buffer, data.byteOffset).getInt16(0) < 0) data = this.renumberComponents(data);
      glyphData.push(data);
      offsets.push(offset);
      offset += data.length;
      const advance = this.view.getUint16(hmtxAt + Math.min(gid, numberOfHMetrics - 1) * 4);
      const bearing =
        gid < numberOfHMetrics ? this.view.getInt16(hmtxAt + gid * 4 + 2) : this.view.getInt16(hmtxAt + numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2);
      metrics.push([advance, bearing]);
    }
    offsets.push(offset);
    const count = glyphData.length;

    const copy = (tag: string) => {
      const entry = this.tables[tag];
      return entry ? Buffer.from(this.bytes.subarray(entry.offset, entry.offset + entry.length)) : undefined;
    };
    const headOut = copy('head')!;
    headOut.writeInt16BE(longLoca ? 1 : 0, 50);
    const hheaOut = copy('hhea')!;
    hheaOut.writeUInt16BE(count, 34);
    const maxpOut = copy('maxp')!;
    maxpOut.writeUInt16BE(count, 4);
    const locaOut = Buffer.alloc((count + 1) * (longLoca ? 4 : 2));
    offsets.forEach((o, i) => (longLoca ? locaOut.writeUInt32BE(o, i * 4) : locaOut.writeUInt16BE(o / 2, i * 2)));
    const hmtxOut = Buffer.alloc(count * 4);
    metrics.forEach(([advance, bearing], i) => {
      hmtxOut.writeUInt16BE(advance, i * 4);
      hmtxOut.writeInt16BE(bearing, i * 4 + 2);
    });
    const glyfOut = Buffer.concat(glyphData);

    const tables: Array<[string, Buffer | undefined]> = [
      ['head', headOut],
      ['hhea', hheaOut],
      ['loca', locaOut],
      ['maxp', maxpOut],
      ['cvt ', copy('cvt ')],
      ['prep', copy('prep')],
      ['glyf', glyfOut],
      ['hmtx', hmtxOut],
      ['fpgm', copy('fpgm')],
    ];
    const present = tables.filter((t): t is [string, Buffer] => t[1] !== undefined);
    const directorySize = 12 + present.length * 16;
    const out = Buffer.alloc(directorySize + present.reduce((sum, [, data]) => sum + data.length, 0));
    const powerOf2 = 2 ** Math.floor(Math.log2(present.length));
    out.write('true', 0, 'latin1');
    out.writeUInt16BE(present.length, 4);
    out.writeUInt16BE(powerOf2 * 16, 6); // searchRange
    out.writeUInt16BE(Math.log2(powerOf2), 8); // entrySelector
    out.writeUInt16BE(present.length * 16 - powerOf2 * 16, 10); // rangeShift
    let at = directorySize;
    present.forEach(([tag, data], i) => {
      const record = 12 + i * 16;
      out.write(tag, record, 'latin1');
      out.writeUInt32BE(0, record + 4); // checksum: left at 0, as fontkit leaves it
      out.writeUInt32BE(at, record + 8);
      out.writeUInt32BE(data.length, record + 12);
      data.copy(out, at);
      at += data.length;
    });
    return out;
  }

  /** A copy of a composite glyph with its components' ids in the subset (including them). */
  private renumberComponents(source: Uint8Array): Uint8Array {
    const data = Buffer.from(source);
    let pos = 10;
    let flags: number;
    do {
      flags = data.readUInt16BE(pos);
      data.writeUInt16BE(this.includeGlyph(data.readUInt16BE(pos + 2)), pos + 2);
      pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) pos += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
    } while (flags & MORE_COMPONENTS);
    return data;
  }
}
