// Optical margin alignment (character protrusion, as microtype does it for serif text):
// light punctuation at a line's edge hangs into the margin by a fraction of its width, so
// the column edge looks straight to the eye rather than to the ruler.

/** Fraction of a character's width that may hang past the right edge of a line. */
const RIGHT: Record<string, number> = {
  '.': 0.7,
  ',': 0.7,
  '-': 0.7,
  '\u2010': 0.7,
  '\u2013': 0.5,
  '\u2014': 0.3,
  ':': 0.5,
  ';': 0.5,
  '\u2019': 0.7,
  '\u201d': 0.7,
  "'": 0.7,
  '"': 0.7,
  '!': 0.2,
  '?': 0.2,
};

/** Fraction of a character's width that may hang past the left edge of a line. */
const LEFT: Record<string, number> = {
  '\u201c': 0.7,
  '\u2018': 0.7,
  '"': 0.7,
  "'": 0.7,
  '\u2013': 0.5,
  '\u2014': 0.3,
  '(': 0.1,
};

export const rightProtrusion = (char: string) => RIGHT[char] ?? 0;
export const leftProtrusion = (char: string) => LEFT[char] ?? 0;
