// Classifying colour spaces for PDF/X-1a: only DeviceGray and DeviceCMYK, and Separation,
// DeviceN, Indexed and Pattern spaces built on them, may be used (ISO 15930-1 §6.2.3).
import type { PdfFile } from './document.js';
import { PdfName, PdfStream, nameOf, numberOf, type PdfDict, type PdfValue } from './objects.js';

export interface SpaceVerdict {
  /** allowed in PDF/X-1a */
  ok: boolean;
  /** an RGB-like space (DeviceRGB, CalRGB, ICCBased with 3 components, Lab, or built on one) */
  rgb: boolean;
  /** how to name it in a message, e.g. "DeviceRGB", "Indexed on ICCBased RGB" */
  label: string;
  /** a Pattern space (the pattern itself must be checked where it is used) */
  pattern?: boolean;
}

const OK_GRAY: SpaceVerdict = { ok: true, rgb: false, label: 'DeviceGray' };
const OK_CMYK: SpaceVerdict = { ok: true, rgb: false, label: 'DeviceCMYK' };
const RGB: SpaceVerdict = { ok: false, rgb: true, label: 'DeviceRGB' };

/** The verdict for a colour space operand or /ColorSpace value, named spaces looked up in `resources`. */
export function classifySpace(pdf: PdfFile, value: PdfValue | undefined, resources: PdfDict | undefined, depth = 0): SpaceVerdict {
  if (depth > 8) return { ok: false, rgb: false, label: 'a colour space that refers to itself' };
  const v = pdf.resolve(value);
  if (v === undefined || v === null) return { ok: false, rgb: false, label: 'no colour space' };
  if (v instanceof PdfName) {
    switch (v.name) {
      case 'DeviceGray':
      case 'G':
        return OK_GRAY;
      case 'DeviceCMYK':
      case 'CMYK':
        return OK_CMYK;
      case 'DeviceRGB':
      case 'RGB':
        return RGB;
      case 'Pattern':
        return { ok: true, rgb: false, label: 'Pattern', pattern: true };
    }
    const named = pdf.get(pdf.dict(pdf.get(resources, 'ColorSpace')), v.name);
    if (named === undefined) return { ok: false, rgb: false, label: `/${v.name}, which the resources do not define` };
    const inner = classifySpace(pdf, named, resources, depth + 1);
    return { ...inner, label: `/${v.name} (${inner.label})` };
  }
  if (!Array.isArray(v) || v.length === 0) return { ok: false, rgb: false, label: 'a malformed colour space' };
  const family = nameOf(pdf.resolve(v[0]));
  switch (family) {
    case 'DeviceGray':
    case 'DeviceCMYK':
    case 'DeviceRGB':
    case 'G':
    case 'CMYK':
    case 'RGB':
    case 'Pattern':
      if (v.length === 1 || family !== 'Pattern') return classifySpace(pdf, pdf.resolve(v[0]), resources, depth + 1);
      {
        const base = classifySpace(pdf, v[1], resources, depth + 1);
        return { ...base, label: `Pattern on ${base.label}`, pattern: true };
      }
    case 'CalRGB':
      return { ok: false, rgb: true, label: 'CalRGB' };
    case 'Lab':
      return { ok: false, rgb: true, label: 'Lab' };
    case 'CalGray':
      return { ok: false, rgb: false, label: 'CalGray' };
    case 'CalCMYK':
      return { ok: false, rgb: false, label: 'CalCMYK' };
    case 'ICCBased': {
      const s = pdf.resolve(v[1]);
      const n = s instanceof PdfStream ? numberOf(pdf.resolve(s.dict.get('N'))) : undefined;
      if (n === 3) return { ok: false, rgb: true, label: 'ICCBased RGB' };
      return { ok: false, rgb: false, label: n === 4 ? 'ICCBased CMYK' : n === 1 ? 'ICCBased gray' : 'ICCBased' };
    }
    case 'Indexed':
    case 'I': {
      const base = classifySpace(pdf, v[1], resources, depth + 1);
      return { ok: base.ok && !base.pattern, rgb: base.rgb, label: `Indexed on ${base.label}` };
    }
    case 'Separation':
    case 'DeviceN': {
      const alt = classifySpace(pdf, v[2], resources, depth + 1);
      const colorant = family === 'Separation' ? `/${nameOf(pdf.resolve(v[1])) ?? '?'}` : '';
      return {
        ok: alt.ok && !alt.pattern,
        rgb: alt.rgb,
        label: `${family}${colorant ? ' ' + colorant : ''} with alternate ${alt.label}`,
      };
    }
  }
  return { ok: false, rgb: false, label: family ? `/${family}` : 'a malformed colour space' };
}

/** Inline image abbreviations (§8.9.7, Table 93) expanded for classification. */
export function expandInlineSpace(v: PdfValue | undefined): PdfValue | undefined {
  if (v instanceof PdfName) {
    if (v.name === 'G') return new PdfName('DeviceGray');
    if (v.name === 'RGB') return new PdfName('DeviceRGB');
    if (v.name === 'CMYK') return new PdfName('DeviceCMYK');
    return v;
  }
  if (Array.isArray(v) && v.length > 0 && v[0] instanceof PdfName && v[0].name === 'I') return [new PdfName('Indexed'), ...v.slice(1)];
  return v;
}
