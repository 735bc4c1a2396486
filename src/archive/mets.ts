// METS for one edition, after the Library of Congress's NDNP issue profile: the archive PDF
// and each page's ALTO in the fileSec; a PHYSICAL structMap of the pages in order (each its
// page of the PDF and its ALTO file); a LOGICAL structMap with each story as an article whose
// parts (headline, deck, byline, body, photo, caption…) point into the ALTO files' block IDs,
// across the pages it runs on. Pure: data in, XML text out.
import type { AltoBlock } from './alto.js';
import { xmlEscape } from '../text/xmlText.js';

export interface MetsPage {
  number: number;
  /** the page's ALTO file, relative to the METS file */
  altoFile: string;
  blocks: AltoBlock[];
}

export interface MetsInput {
  paper: string;
  /** YYYY-MM-DD */
  date: string;
  version: string;
  /** the archive PDF and the press PDF, relative to the METS file */
  archivePdf: string;
  pressPdf?: string;
  pages: MetsPage[];
  /** each story's headline as set, by slug */
  headlines: Map<string, string>;
  lang?: string;
}

/** An XML ID from a slug (IDs are NCNames: no leading digit, no odd characters). */
const idOf = (prefix: string, slug: string) => `${prefix}_${slug.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

export function editionMets(input: MetsInput): string {
  const altoId = (page: number) => `ALTO_${String(page).padStart(4, '0')}`;
  // stories in reading order: as they first appear, page by page
  const stories: string[] = [];
  for (const page of input.pages) for (const b of page.blocks) if (b.story && !stories.includes(b.story)) stories.push(b.story);

  // a page of a PDF: BEGIN/END are the page number (METS has no BETYPE for pages; NDNP keeps
  // one PDF per page, we keep the edition's one PDF)
  const physical = input.pages.map(
    (p) =>
      `<mets:div ID="PAGE_${p.number}" TYPE="np:page" ORDER="${p.number}" LABEL="Page ${p.number}">` +
      `<mets:fptr><mets:area FILEID="ARCHIVE_PDF" BEGIN="${p.number}" END="${p.number}"/></mets:fptr>` +
      (input.pressPdf ? `<mets:fptr><mets:area FILEID="PRESS_PDF" BEGIN="${p.number}" END="${p.number}"/></mets:fptr>` : '') +
      `<mets:fptr FILEID="${altoId(p.number)}"/></mets:div>`,
  );

  const logical = stories.map((slug, i) => {
    const parts: string[] = [];
    let order = 0;
    for (const page of input.pages) {
      for (const b of page.blocks) {
        if (b.story !== slug) continue;
        parts.push(
          `<mets:div TYPE="${b.kind}" ORDER="${++order}"><mets:fptr><mets:area FILEID="${altoId(page.number)}" BETYPE="IDREF" BEGIN="${b.id}"/></mets:fptr></mets:div>`,
        );
      }
    }
    const label = input.headlines.get(slug) ?? slug;
    return `<mets:div ID="${idOf('ARTICLE', slug)}" TYPE="article" ORDER="${i + 1}" LABEL="${xmlEscape(label)}" DMDID="${idOf('MODS', slug)}">\n${parts.join('\n')}\n</mets:div>`;
  });

  const storyMods = stories.map(
    (slug) =>
      `<mets:dmdSec ID="${idOf('MODS', slug)}"><mets:mdWrap MDTYPE="MODS" LABEL="article"><mets:xmlData><mods:mods>` +
      `<mods:titleInfo><mods:title>${xmlEscape(input.headlines.get(slug) ?? slug)}</mods:title></mods:titleInfo>` +
      `<mods:identifier type="slug">${xmlEscape(slug)}</mods:identifier></mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>`,
  );

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:mods="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:np="urn:library-of-congress:ndnp:mets:newspaper" TYPE="urn:library-of-congress:ndnp:mets:newspaper:issue" PROFILE="urn:library-of-congress:mets:profiles:ndnp:issue:v1.5" LABEL="${xmlEscape(`${input.paper}, ${input.date}`)}">`,
    // the date comes from the edition, not the clock: the same edition gives the same bytes
    `<mets:metsHdr CREATEDATE="${input.date}T00:00:00"><mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="software"><mets:name>Stonehand ${xmlEscape(input.version)}</mets:name></mets:agent></mets:metsHdr>`,
    `<mets:dmdSec ID="MODS_ISSUE"><mets:mdWrap MDTYPE="MODS" LABEL="issue"><mets:xmlData><mods:mods>` +
      `<mods:relatedItem type="host"><mods:titleInfo><mods:title>${xmlEscape(input.paper)}</mods:title></mods:titleInfo></mods:relatedItem>` +
      `<mods:originInfo><mods:dateIssued encoding="iso8601">${input.date}</mods:dateIssued></mods:originInfo>` +
      (input.lang ? `<mods:language><mods:languageTerm type="code" authority="rfc5646">${xmlEscape(input.lang)}</mods:languageTerm></mods:language>` : '') +
      `<mods:physicalDescription><mods:extent unit="pages"><mods:total>${input.pages.length}</mods:total></mods:extent></mods:physicalDescription>` +
      `</mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>`,
    ...storyMods,
    '<mets:fileSec>',
    '<mets:fileGrp ID="PDF_FILES" USE="archive">',
    `<mets:file ID="ARCHIVE_PDF" MIMETYPE="application/pdf" USE="archive"><mets:FLocat LOCTYPE="URL" xlink:href="${xmlEscape(input.archivePdf)}"/></mets:file>`,
    ...(input.pressPdf ? [`<mets:file ID="PRESS_PDF" MIMETYPE="application/pdf" USE="press"><mets:FLocat LOCTYPE="URL" xlink:href="${xmlEscape(input.pressPdf)}"/></mets:file>`] : []),
    '</mets:fileGrp>',
    '<mets:fileGrp ID="ALTO_FILES" USE="ocr">',
    ...input.pages.map((p) => `<mets:file ID="${altoId(p.number)}" MIMETYPE="text/xml" USE="ocr"><mets:FLocat LOCTYPE="URL" xlink:href="${xmlEscape(p.altoFile)}"/></mets:file>`),
    '</mets:fileGrp>',
    '</mets:fileSec>',
    '<mets:structMap TYPE="PHYSICAL">',
    `<mets:div TYPE="np:issue" DMDID="MODS_ISSUE" LABEL="${xmlEscape(`${input.paper}, ${input.date}`)}">`,
    ...physical,
    '</mets:div>',
    '</mets:structMap>',
    '<mets:structMap TYPE="LOGICAL">',
    `<mets:div TYPE="issue" DMDID="MODS_ISSUE">`,
    ...logical,
    '</mets:div>',
    '</mets:structMap>',
    '</mets:mets>',
    '',
  ].join('\n');
}
