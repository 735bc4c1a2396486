// `stonehand proof`: PNG proofs of an edition's pages and a contact sheet, for the production
// desk. The edition is laid out exactly as `build` lays out the press PDF (layOutEdition), its
// photos prepared as the press PDF embeds them; the pages are drawn by the SVG painter and
// rasterised by sharp. Nothing is written unless every image is made.
import { join } from 'node:path';
import { editionWarnings, layOutEdition, outputName, pagesPart, photoRequest, selectedPages } from '../build/buildEdition.js';
import type { PageRange } from '../build/pageRanges.js';
import { loadFonts } from '../io/loadFonts.js';
import { preparePhoto } from '../io/preparePhoto.js';
import { missingFolders, openAtomicFile, outputError, type AtomicFile } from '../io/writeFileAtomic.js';
import type { Warning } from '../model/errors.js';
import type { PageLayout } from '../model/layout.js';
import { PROFILES } from '../render/profiles.js';
import { contactSheetLayout, contactSheetSvg } from './contactSheet.js';
import { fontGlyphs, type GlyphSource } from './glyphOutlines.js';
import { scalePng, svgToPng } from './rasterise.js';
import { pageSvg } from './svgPainter.js';

/** The default resolution of page proofs, pixels per inch: a tabloid page is 1100 × 1700 px. */
export const DEFAULT_PROOF_PPI = 100;
/** Pages being rasterised while the next is laid out. */
const RASTERS_AHEAD = 1;
/** The range of resolutions a proof may ask for. */
export const PROOF_PPI_RANGE = { min: 10, max: 600 } as const;

export interface ProofOptions {
  outDir: string;
  /** pixels per inch of the page proofs (default DEFAULT_PROOF_PPI) */
  ppi?: number;
  /** the pages to proof (default: all) */
  pages?: readonly PageRange[];
}

export interface ProofReport {
  /** the page proofs in page order, then the contact sheet */
  files: string[];
  /** the pages proofed */
  pages: number[];
  /** the edition's page count */
  pageCount: number;
  warnings: Warning[];
  notes: Warning[];
}

/** The press profile: proofs show the pages the plant gets (photos grey, as the press PDF has them). */
const PROFILE = PROFILES.press;

/**
 * Proofs an edition (folder, article or wire copy): `<paper>-<date>-p<NN>.png` for each page
 * chosen and `<paper>-<date>-contact.png` in OUT/<date>/. Bad content fails as `build` fails
 * (the same reading and layout); a page the edition does not have is a ContentError naming
 * the source. Files are written atomically, all of them or none.
 */
export async function proofEdition(source: string, options: ProofOptions): Promise<ProofReport> {
  const ppi = options.ppi ?? DEFAULT_PROOF_PPI;
  await missingFolders(options.outDir); // a file in the way of --out is said before the work
  const { edition, ctx, typeset, readWarnings, notes } = await layOutEdition(source, { profile: PROFILE.name, strict: false });
  const chosen = selectedPages(options.pages, typeset.pageCount, source);

  const glyphs = fontGlyphs(loadFonts());
  const painter = proofPainter(glyphs, ctx.photoPpi, ppi);
  // a page is rasterised (in libvips' threads) while the next is laid out, RASTERS_AHEAD at most
  const painting: Promise<{ page: PageLayout; png: Buffer }>[] = [];
  const proofs: { page: PageLayout; png: Buffer }[] = [];
  try {
    for (const page of typeset.pages) {
      if (!chosen.includes(page.number)) continue;
      // the page's items are let go once it is a PNG; the contact sheet needs only its size
      const proof = painter.paint(page).then((png) => ({ page: { ...page, items: [] }, png }));
      proof.catch(() => {}); // awaited in turn below; a failure fails the proof there
      painting.push(proof);
      if (painting.length > RASTERS_AHEAD) proofs.push(await painting.shift()!);
    }
    while (painting.length > 0) proofs.push(await painting.shift()!);
  } finally {
    await Promise.allSettled(painting); // nothing left running behind a failure
  }
  const layout = typeset.finish();
  const warnings = editionWarnings(edition, layout, readWarnings, painter.photoWarnings);

  const sheet = contactSheetLayout(proofs.map(({ page }) => page));
  const thumbnails = new Map<number, Buffer>();
  for (const [i, cell] of sheet.cells.entries()) thumbnails.set(cell.page, await scalePng(proofs[i].png, cell.width, cell.height));
  const contact = await svgToPng(contactSheetSvg(sheet, thumbnails, glyphs));

  const base = outputName(edition, PROFILE.name).replace(/\.pdf$/, '');
  const folder = join(options.outDir, edition.date);
  const digits = Math.max(2, String(typeset.pageCount).length);
  const outputs = [
    ...proofs.map(({ page, png }) => ({ file: join(folder, `${base}-${pagesPart([page.number], digits)}.png`), bytes: png })),
    { file: join(folder, `${base}-contact.png`), bytes: contact },
  ];
  await writeAll(outputs);
  return { files: outputs.map((o) => o.file), pages: chosen, pageCount: typeset.pageCount, warnings, notes };
}

/** Paints laid-out pages into PNG proofs, preparing their photos as the press PDF's. */
export interface ProofPainter {
  /** the page as an 8-bit grey PNG at the painter's resolution */
  paint(page: PageLayout): Promise<Buffer>;
  /** per photo, in the order first painted: what preparing it warned of */
  readonly photoWarnings: { image: string; warnings: Warning[] }[];
}

/**
 * A proof painter for pages laid out with photos framed at `photoPpi`: each photo is prepared
 * once, for its first frame, as the build prepares it for the press PDF, and kept (a proof
 * run is a few pages; the build, which may be hundreds, lets them go).
 */
export function proofPainter(glyphs: GlyphSource, photoPpi: number, ppi: number): ProofPainter {
  const preparing = new Map<string, Promise<Buffer>>();
  const photoWarnings: { image: string; warnings: Warning[] }[] = [];
  return {
    photoWarnings,
    async paint(page) {
      // asked for at once, before any wait, so that pages painted side by side share a photo's preparation
      for (const item of page.items) {
        if (item.type !== 'image' || preparing.has(item.image)) continue;
        const found: (typeof photoWarnings)[number] = { image: item.image, warnings: [] };
        photoWarnings.push(found);
        const prepared = preparePhoto(photoRequest(item, photoPpi, { profile: PROFILE.name })).then((p) => {
          found.warnings = p.warnings;
          return p.image.data;
        });
        prepared.catch(() => {}); // awaited by the page below
        preparing.set(item.image, prepared);
      }
      const images = new Map<string, Buffer>();
      for (const item of page.items) if (item.type === 'image') images.set(item.image, await preparing.get(item.image)!);
      return svgToPng(pageSvg(page, { glyphs, images, ink: PROFILE.ink, placeholderInk: PROFILE.placeholderInk }, ppi));
    },
  };
}

/** Writes every file or none: each to its temporary file first, then all renamed into place. */
async function writeAll(outputs: { file: string; bytes: Buffer }[]): Promise<void> {
  const open: AtomicFile[] = [];
  try {
    for (const { file, bytes } of outputs) {
      const handle = await openAtomicFile(file).catch((error: unknown) => {
        throw outputError(error, file);
      });
      open.push(handle);
      await handle.write(bytes).catch((error: unknown) => {
        throw outputError(error, file);
      });
    }
  } catch (error) {
    // newest first: the folders the first file made are removed once the others are gone
    for (const handle of open.reverse()) await handle.abort();
    throw error;
  }
  for (const handle of open) {
    await handle.commit().catch((error: unknown) => {
      throw outputError(error, handle.path);
    });
  }
}
