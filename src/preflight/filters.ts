// Stream filters the preflight needs to read content, object and cross-reference streams:
// FlateDecode (with PNG and TIFF predictors), LZWDecode, ASCIIHexDecode, ASCII85Decode,
// RunLengthDecode. Image codecs (DCT, JPX, CCITT, JBIG2) are never decoded: only their
// dictionaries matter here.
import { constants, inflateSync } from 'node:zlib';
import { PdfDict, PdfSyntaxError, nameOf, numberOf, type PdfValue } from './objects.js';

export const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);

/** A stream's decoded data may be at most this many times its encoded size (Flate alone reaches about 1,030)… */
export const MAX_DECODE_RATIO = 1100;
/** …but always this much (a small stream of a blank page's content expands far more)… */
export const DECODE_FLOOR = 1 << 20;
/** …and never more than this; */
export const MAX_DECODED_STREAM = 64 << 20;
/** and all the streams of one document together at most this much. */
export const MAX_DECODED_TOTAL = 512 << 20;

/** A stream that expands beyond what a sane PDF holds: a decompression bomb, reported as a finding. */
export class DecompressionBomb extends PdfSyntaxError {}

/** What one document may still decode (see MAX_DECODED_TOTAL). */
export class DecodeBudget {
  used = 0;
  constructor(readonly total = MAX_DECODED_TOTAL) {}
}

const MiB = (n: number) => `${Math.round(n / (1 << 20))} MiB`;

/**
 * Decodes `raw` through the filter chain; `resolve` turns references into objects. The output
 * of every filter is bounded (see MAX_DECODE_RATIO and the sizes after it): a stream that would
 * expand beyond is a DecompressionBomb, found before the memory is spent.
 */
export function decodeFilters(raw: Uint8Array, dict: PdfDict, resolve: (v: PdfValue | undefined) => PdfValue | undefined, budget = new DecodeBudget()): Uint8Array {
  const limit = Math.min(MAX_DECODED_STREAM, Math.max(DECODE_FLOOR, raw.length * MAX_DECODE_RATIO), Math.max(0, budget.total - budget.used));
  const bomb = () =>
    new DecompressionBomb(
      budget.used + limit >= budget.total
        ? `decompression bomb: the document's streams expand beyond ${MiB(budget.total)} in all`
        : `decompression bomb: a stream of ${raw.length} bytes expands beyond ${MiB(limit)}`,
    );
  const f = resolve(dict.get('Filter') ?? dict.get('F'));
  const p = resolve(dict.get('DecodeParms') ?? dict.get('DP'));
  const filters = Array.isArray(f) ? f.map((x) => resolve(x)) : f === undefined || f === null ? [] : [f];
  const parms = Array.isArray(p) ? p.map((x) => resolve(x)) : [p];
  let data = raw;
  filters.forEach((filter, i) => {
    const name = nameOf(filter ?? undefined);
    const parm = parms[i];
    const dp = parm instanceof PdfDict ? parm : undefined;
    switch (name) {
      case 'FlateDecode':
      case 'Fl':
        data = predict(inflate(data, limit, bomb), dp, resolve);
        break;
      case 'LZWDecode':
      case 'LZW': {
        const early = dp ? numberOf(resolve(dp.get('EarlyChange'))) ?? 1 : 1;
        data = predict(lzw(data, early, limit, bomb), dp, resolve);
        break;
      }
      case 'ASCIIHexDecode':
      case 'AHx':
        data = asciiHex(data);
        break;
      case 'ASCII85Decode':
      case 'A85':
        data = ascii85(data, limit, bomb);
        break;
      case 'RunLengthDecode':
      case 'RL':
        data = runLength(data, limit, bomb);
        break;
      default:
        throw new PdfSyntaxError(`cannot decode filter /${name ?? String(filter)}`);
    }
    if (data.length > limit) throw bomb();
  });
  budget.used += data.length;
  return data;
}

const tooLarge = (e: unknown) => e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';

function inflate(data: Uint8Array, limit: number, bomb: () => Error): Uint8Array {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, limit) });
  } catch (e) {
    if (tooLarge(e)) throw bomb();
    // truncated or damaged data: keep what can be inflated
    try {
      return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, limit) });
    } catch (e) {
      if (tooLarge(e)) throw bomb();
      throw new PdfSyntaxError(`bad FlateDecode data (${(e as Error).message})`);
    }
  }
}

/** Undoes a PNG (10–15) or TIFF (2) predictor. */
function predict(data: Uint8Array, dp: PdfDict | undefined, resolve: (v: PdfValue | undefined) => PdfValue | undefined): Uint8Array {
  if (!dp) return data;
  const predictor = numberOf(resolve(dp.get('Predictor'))) ?? 1;
  if (predictor <= 1) return data;
  const colors = numberOf(resolve(dp.get('Colors'))) ?? 1;
  const bpc = numberOf(resolve(dp.get('BitsPerComponent'))) ?? 8;
  const columns = numberOf(resolve(dp.get('Columns'))) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) return data; // rare; not needed for the streams we read
    const out = Uint8Array.from(data);
    for (let r = 0; r + rowLen <= out.length; r += rowLen)
      for (let i = bpp; i < rowLen; i++) out[r + i] = (out[r + i] + out[r + i - bpp]) & 0xff;
    return out;
  }
  // PNG: every row starts with its filter type byte (a row longer than the data is no row: no allocation for it)
  if (!(rowLen > 0) || rowLen >= data.length) return new Uint8Array(0);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const src = r * (rowLen + 1);
    const type = data[src];
    const row = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + 1 + i];
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new PdfSyntaxError(`bad PNG predictor row type ${type}`);
      }
      row[i] = v & 0xff;
    }
    prev = row;
  }
  return out;
}

function lzw(data: Uint8Array, earlyChange: number, limit: number, bomb: () => Error): Uint8Array {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = (): void => {
    dict = [];
    for (let i = 0; i < 256; i++) dict.push([i]);
    dict.push([], []); // 256 clear, 257 EOD
  };
  reset();
  let codeLen = 9;
  let bitBuf = 0;
  let bits = 0;
  let prev: number[] | null = null;
  for (let i = 0; i < data.length; i++) {
    bitBuf = (bitBuf << 8) | data[i];
    bits += 8;
    while (bits >= codeLen) {
      const code = (bitBuf >> (bits - codeLen)) & ((1 << codeLen) - 1);
      bits -= codeLen;
      bitBuf &= (1 << bits) - 1;
      if (code === 256) {
        reset();
        codeLen = 9;
        prev = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      let entry: number[];
      if (code < dict.length) entry = dict[code];
      else if (prev) entry = [...prev, prev[0]];
      else throw new PdfSyntaxError('bad LZW data');
      for (const b of entry) out.push(b);
      if (out.length > limit) throw bomb();
      if (prev) dict.push([...prev, entry[0]]);
      prev = entry;
      if (dict.length + earlyChange >= 1 << codeLen && codeLen < 12) codeLen++;
    }
  }
  return Uint8Array.from(out);
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out.push(hi * 16 + v);
      hi = -1;
    }
  }
  if (hi >= 0) out.push(hi * 16);
  return Uint8Array.from(out);
}

function ascii85(data: Uint8Array, limit: number, bomb: () => Error): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === 0x7e) break; // ~>
    if (c <= 0x20) continue;
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      if (out.length > limit) throw bomb();
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 0x21);
    if (group.length === 5) {
      let v = 0;
      for (const g of group) v = v * 85 + g;
      out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}

function runLength(data: Uint8Array, limit: number, bomb: () => Error): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    const len = data[i++];
    if (len === 128) break;
    if (len < 128) {
      for (let k = 0; k <= len && i < data.length; k++) out.push(data[i++]);
    } else {
      const b = data[i++];
      for (let k = 0; k < 257 - len; k++) out.push(b);
      if (out.length > limit) throw bomb();
    }
  }
  return Uint8Array.from(out);
}
