// What the bundle (bundleCli.ts) puts in place of some modules our dependencies import.
/**
 * Modules our dependencies import, replaced in the bundle:
 * - fontkit's Brotli decoder (for WOFF2 fonts; our faces are TrueType files) carries a 1.3 MB
 *   dictionary, and pdfkit's AES (for encrypted PDFs; a press PDF must not be encrypted) builds
 *   its tables when loaded: both become modules that throw if they are ever called;
 * - tiny-inflate, a DEFLATE decoder in JavaScript that the Unicode line-breaking and property
 *   tries are inflated with on every start (~30 ms cold), becomes Node's own zlib, which
 *   decodes the same data to the same bytes in a fraction of a millisecond.
 */
export const SUBSTITUTES: Record<string, string> = {
  'brotli/decompress.js': 'module.exports = () => { throw new Error("WOFF2 fonts are not supported: Stonehand embeds TrueType fonts"); };',
  '@noble/ciphers/aes': 'const refuse = () => { throw new Error("PDF encryption is not supported: press PDFs are never encrypted"); }; module.exports = { cbc: refuse, ecb: refuse };',
  'tiny-inflate': `const { inflateRawSync } = require('node:zlib');
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  if (out.length >= dest.length) { dest.set(out.subarray(0, dest.length)); return dest; }
  dest.set(out);
  return dest.slice(0, out.length); // as tiny-inflate: the bytes decoded, when fewer than dest holds
};`,
};
