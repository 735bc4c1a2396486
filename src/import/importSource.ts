// One entry for every source `import` and `build` turn into an Article without front matter:
// news XML (NITF, NewsML-G2) or raw wire copy. Pure: text in, data out.

import { extname } from 'node:path';
import { looksLikeXml, parseNewsXml } from './parseNewsXml.js';
import { parseWireCopy, type WireImport } from './parseWireCopy.js';

/** The control characters the wire importer wants to see: IPTC 7901's SOH, STX, ETX and EOT. */
export const WIRE_CONTROLS = '\u0001\u0002\u0003\u0004';

/** Source files read as news XML. */
export const XML_EXTENSIONS = ['.xml', '.nitf', '.newsml'];

/** `.xml` (or text that opens like XML) → NITF / NewsML-G2; anything else → wire copy. */
/** `defaultLang`: the language of a source that names none (its edition's). */
export function importSource(text: string, file: string, defaultLang = 'en'): WireImport {
  const xml = XML_EXTENSIONS.includes(extname(file).toLowerCase()) || looksLikeXml(text.replace(/^[\u0001-\u0004\s]+/, ''));
  return xml ? parseNewsXml(text.replace(/[\u0001-\u0004]/g, ''), file, defaultLang) : parseWireCopy(text, file, defaultLang);
}
