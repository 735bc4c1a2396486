// A content stream interpreter (ISO 32000-1 §8–9), reduced to what preflight needs: operators
// with their operands, the graphics state stack (q/Q) with the current transformation matrix
// (cm) and the current fill and stroke colour spaces, and inline images (BI … ID … EI).
import { Lexer, isWhite } from './lexer.js';
import { PdfDict, PdfKeyword, PdfName, type PdfValue } from './objects.js';

/** [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied first, then `n` (the `cm` operator: CTM' = m × CTM). */
export function concat(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function toMatrix(v: PdfValue | undefined): Matrix | undefined {
  if (!Array.isArray(v) || v.length !== 6 || !v.every((x) => typeof x === 'number')) return undefined;
  return v as Matrix;
}

export interface GraphicsState {
  ctm: Matrix;
  /** the operand of the last cs (a name or array), or the device space g/rg/k implies */
  fillSpace: PdfValue;
  strokeSpace: PdfValue;
}

export interface ContentVisitor {
  /** every operator but q, Q, cm and inline images, after the state is updated; `operands` is reused after the call */
  op(op: string, operands: PdfValue[], gs: GraphicsState): void;
  /** an inline image with its (abbreviated) dictionary */
  inlineImage(dict: PdfDict, gs: GraphicsState): void;
}

const DEVICE_GRAY = new PdfName('DeviceGray');
const DEVICE_RGB = new PdfName('DeviceRGB');
const DEVICE_CMYK = new PdfName('DeviceCMYK');
const MAX_OPERANDS = 4096;
const MAX_STACK = 1024;

/** Runs `data` through the visitor, starting from `ctm`. Throws PdfSyntaxError on bad syntax. */
export function interpretContent(data: Uint8Array, ctm: Matrix, visitor: ContentVisitor): void {
  const lx = new Lexer(data);
  // the current state is mutated in place; q saves a copy
  let gs: GraphicsState = { ctm, fillSpace: DEVICE_GRAY, strokeSpace: DEVICE_GRAY };
  const stack: GraphicsState[] = [];
  // reused: the visitor must not keep the array
  const operands: PdfValue[] = [];
  for (;;) {
    const item = lx.readContentItem();
    if (item === undefined) break;
    if (!(item instanceof PdfKeyword)) {
      if (operands.length < MAX_OPERANDS) operands.push(item);
      continue;
    }
    const op = item.word;
    switch (op) {
      case 'q':
        if (stack.length < MAX_STACK) stack.push({ ...gs });
        break;
      case 'Q':
        gs = stack.pop() ?? gs;
        break;
      case 'cm': {
        const m = operands.length >= 6 ? toMatrix(operands.slice(-6)) : undefined;
        if (m) gs.ctm = concat(m, gs.ctm);
        break;
      }
      case 'BI': {
        const dict = readInlineImage(lx);
        visitor.inlineImage(dict, gs);
        break;
      }
      default:
        switch (op) {
          case 'cs':
            gs.fillSpace = operands[0] ?? null;
            break;
          case 'CS':
            gs.strokeSpace = operands[0] ?? null;
            break;
          case 'g':
            gs.fillSpace = DEVICE_GRAY;
            break;
          case 'G':
            gs.strokeSpace = DEVICE_GRAY;
            break;
          case 'rg':
            gs.fillSpace = DEVICE_RGB;
            break;
          case 'RG':
            gs.strokeSpace = DEVICE_RGB;
            break;
          case 'k':
            gs.fillSpace = DEVICE_CMYK;
            break;
          case 'K':
            gs.strokeSpace = DEVICE_CMYK;
            break;
        }
        visitor.op(op, operands, gs);
    }
    operands.length = 0;
  }
}

/** After `BI`: the key/value pairs up to `ID`, then skips the image data and `EI`. */
function readInlineImage(lx: Lexer): PdfDict {
  const dict = new PdfDict();
  for (;;) {
    const key = lx.readItem(false);
    if (key === undefined) return dict;
    if (key instanceof PdfKeyword) {
      if (key.word === 'ID') break;
      continue;
    }
    if (!(key instanceof PdfName)) continue;
    const value = lx.readItem(false);
    if (value === undefined) return dict;
    if (value instanceof PdfKeyword) {
      if (value.word === 'ID') break;
      continue;
    }
    dict.set(key.name, value);
  }
  // one white-space byte separates ID from the data
  const buf = lx.buf;
  let p = lx.pos;
  if (p < lx.end && isWhite(buf[p])) p++;
  const length = dict.get('L') ?? dict.get('Length');
  if (typeof length === 'number' && length >= 0 && p + length <= lx.end) {
    lx.pos = p + length;
    if (lx.matchKeyword('EI')) return dict;
  }
  // search for EI between white space (or at the end)
  for (let i = p; i + 1 < lx.end; i++) {
    if (buf[i] === 0x45 && buf[i + 1] === 0x49 && (i === p || isWhite(buf[i - 1])) && (i + 2 >= lx.end || isWhite(buf[i + 2]))) {
      lx.pos = i + 2;
      return dict;
    }
  }
  lx.pos = lx.end;
  return dict;
}
