// Text as XML carries it: the escapes every XML file we write (XMP in the archive PDF, ALTO,
// METS) goes through. Pure.

/**
 * `text` escaped for XML content: characters XML 1.0 cannot carry at all are left out (the PDF's
 * text layer keeps them), and & < > " become references.
 */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** `text` escaped for an attribute value: as xmlEscape, and tab and line breaks as references, which a parser would otherwise read as spaces. */
export function xmlAttribute(text: string): string {
  return xmlEscape(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
