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

/**
 * Modules the bundle evaluates only when first used, not when the bundle starts. Each is
 * needed by some runs only, and costly to evaluate: string-width (yargs' help layout) builds
 * Unicode-property regular expressions that take V8 tens of milliseconds to compile, on every
 * start, for help text a build never prints; the hyphenation patterns of each language take
 * ~10 ms, and an edition usually needs one language.
 */
export const LOADED_WHEN_USED = ['string-width', 'hyphen/en-us/index.js', 'hyphen/en-gb/index.js'];

/**
 * The stand-in for a module loaded when used: calling it or reading a property of it loads the
 * real module (`realPath`, which the bundle still contains) and forwards to it.
 */
export function loadedWhenUsed(realPath: string): string {
  return `let real;
const load = () => {
  if (real === undefined) {
    const m = require(${JSON.stringify(realPath)});
    real = m && m.__esModule && 'default' in m ? m.default : m;
  }
  return real;
};
module.exports = new Proxy(function () {}, {
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
});`;
}
