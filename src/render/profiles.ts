import type { PhotoColour } from '../io/preparePhoto.js';
/** The output profiles: one layout, painted for different uses (DESIGN.md, "Output profiles"). */
export type ProfileName = 'press' | 'office' | 'archive';

/**
 * The printing condition a press PDF is made for, named in its output intent: `newsprint` is
 * coldset offset on newsprint (ISO 12647-3, the WAN-IFRA newspaper characterization), `coated`
 * is sheet-fed offset on coated paper (ISO 12647-2, FOGRA39).
 */
export type PrintCondition = 'newsprint' | 'coated';

export const DEFAULT_CONDITION: PrintCondition = 'newsprint';

/** The effective resolution a plant wants of photos, per print condition (ppi). */
export const PHOTO_TARGET_PPI: Record<PrintCondition, number> = { newsprint: 200, coated: 300 };

/** Total area coverage allowed for CMYK photos, per print condition (percent). */
export const INK_LIMIT: Record<PrintCondition, number> = { newsprint: 240, coated: 300 };

export interface Profile {
  name: ProfileName;
  /** colour of text and rules: K-only black for press, so text never registers out */
  ink: [number, number, number, number];
  /** tint of placeholder frames */
  placeholderInk: [number, number, number, number];
  /** how photos are converted for this profile */
  photoColour: PhotoColour;
  /** the resolution photos are prepared at, ppi */
  photoPpi: number;
  /**
   * the sheet the page is painted on:
   * - `press`: MediaBox = trim + slug on every side, TrimBox and BleedBox set, crop marks and a slug line;
   * - `office`: the page fitted to an office sheet (scaled down to letter if larger), MediaBox only;
   * - `trim`: MediaBox = TrimBox = the page.
   */
  sheet: 'press' | 'office' | 'trim';
  /** PDF/X-1a:2001 structure: GTS_PDFX keys, Trapped, output intent, PDF 1.3 objects */
  pdfx: boolean;
  /**
   * PDF/A-1 (PDF 1.4): XMP metadata, the sRGB output intent, text and rules in DeviceGray, the
   * structure tree story by story, whole words at line-end hyphens (pdfa.ts)
   */
  pdfa: boolean;
  /** text and rules (K-only) are set to overprint */
  overprintBlack: boolean;
}

export const PROFILES: Record<ProfileName, Profile> = {
  press: {
    name: 'press',
    ink: [0, 0, 0, 100],
    placeholderInk: [0, 0, 0, 45],
    photoColour: 'grey',
    photoPpi: 200,
    sheet: 'press',
    pdfx: true,
    pdfa: false,
    overprintBlack: true,
  },
  office: {
    name: 'office',
    ink: [0, 0, 0, 100],
    placeholderInk: [0, 0, 0, 45],
    photoColour: 'rgb',
    photoPpi: 150,
    sheet: 'office',
    pdfx: false,
    pdfa: false,
    overprintBlack: false,
  },
  archive: {
    name: 'archive',
    ink: [0, 0, 0, 100],
    placeholderInk: [0, 0, 0, 45],
    photoColour: 'rgb',
    photoPpi: 200,
    sheet: 'trim',
    pdfx: false,
    pdfa: true,
    overprintBlack: false,
  },
};
