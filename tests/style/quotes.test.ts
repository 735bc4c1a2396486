// Typographer's quotes from straight ones, per language; apostrophes; never inside URLs, e-mail
// addresses or code.
import { describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import { curlQuotes, quoteStyleFor } from '../../src/style/quotes.js';
import { styleArticle } from '../../src/style/styleArticle.js';
import { HOUSE_THEME } from '../../src/style/theme.js';

const curl = (text: string, lang = 'en') => curlQuotes([text], lang)[0];

describe('curlQuotes', () => {
  it('English: “ ” and ‘ ’, apostrophes ’ (in words, before years, after plurals)', () => {
    expect(curl('"Hello," she said. "It\'s the \'90s," he replied.')).toBe('“Hello,” she said. “It’s the ’90s,” he replied.');
    expect(curl("He said 'no' to the boys' plan.")).toBe('He said ‘no’ to the boys’ plan.');
    expect(curl('("quoted") and ["bracketed"] — "dashed"')).toBe('(“quoted”) and [“bracketed”] — “dashed”');
    expect(curl('"\'Nested\' quotes"')).toBe('“‘Nested’ quotes”');
  });

  it('French: « » with narrow no-break spaces (U+202F) replacing the word spaces inside', () => {
    expect(curl('Il a dit " bonjour " et "merci".', 'fr')).toBe('Il a dit «\u202fbonjour\u202f» et «\u202fmerci\u202f».');
    expect(curl("L'homme", 'fr')).toBe('L’homme');
    expect(curl('"Grüezi"', 'fr-CH')).toBe('«Grüezi»');
  });

  it('German: „ “ and ‚ ‘; apostrophes stay ’', () => {
    expect(curl('Er sagte "Guten Tag" und \'tschüss\'. Geht\'s?', 'de')).toBe('Er sagte „Guten Tag“ und ‚tschüss‘. Geht’s?');
    expect(curl('"Grüezi"', 'de-CH')).toBe('«Grüezi»');
  });

  it('other languages: their quotes, and English quotes for a language the table does not know', () => {
    expect(curl('"Hola"', 'es')).toBe('«Hola»');
    expect(curl('"Привет"', 'ru')).toBe('«Привет»');
    expect(curl('"Cześć"', 'pl')).toBe('„Cześć”');
    expect(curl('"Hej"', 'sv')).toBe('”Hej”');
    expect(curl('"Kia ora"', 'mi')).toBe('“Kia ora”');
    expect(quoteStyleFor('EN-gb').open).toBe('“');
  });

  it('never inside URLs or e-mail addresses', () => {
    expect(curl('See https://example.org/?q="x"&y=\'z\' and "this".')).toBe('See https://example.org/?q="x"&y=\'z\' and “this”.');
    expect(curl("Write to o'brien@example.com, \"now\".")).toBe("Write to o'brien@example.com, “now”.");
    expect(curl('www.example.org/it\'s "ok"')).toBe('www.example.org/it\'s “ok”');
  });

  it('never in code, and decides a quote’s side across pieces (runs)', () => {
    expect(curlQuotes(['He typed ', 'print("hi")', ' and said "done".'], 'en', [false, true, false])).toEqual(['He typed ', 'print("hi")', ' and said “done”.']);
    expect(curlQuotes(['"', 'emphasised', '" text'], 'en')).toEqual(['“', 'emphasised', '” text']);
  });
});

describe('styleArticle sets typographer’s quotes everywhere a story has text', () => {
  it('body, headline, deck, byline, caption, credit; code spans and URLs kept as written', () => {
    const md = [
      '---',
      'headline: "\'Never again,\' says mayor"',
      'deck: \'The "last" flood\'',
      'bylines: ["Pat O\'Neil"]',
      'photo: { file: p.jpg, caption: \'The "ark" at dawn\', credit: "Lee\'s Photos" }',
      '---',
      'She said "enough" at `run("x")` and https://x.org/"a" today.',
      '',
    ].join('\n');
    const story = styleArticle(parseArticleMarkdown(md, 'a.md'), HOUSE_THEME);
    expect(story.headline.text).toBe('‘Never again,’ says mayor');
    expect(story.deck!.runs[0].text).toBe('The “last” flood');
    expect(story.bylines[0].runs[0].text).toBe('By Pat O’Neil');
    expect(story.photo!.caption!.runs[0].text).toBe('The “ark” at dawn');
    expect(story.photo!.credit!.runs[0].text).toBe('LEE’S PHOTOS');
    expect(story.body[0].runs.map((r) => r.text).join('')).toBe('She said “enough” at run("x") and https://x.org/"a" today.');
  });

  it('German copy gets German quotes; the article’s lang, else the edition’s', () => {
    const md = '---\nheadline: Test\n---\nSie sagte "nein".\n';
    expect(styleArticle(parseArticleMarkdown(md, 'a.md', undefined, 'de'), HOUSE_THEME).body[0].runs[0].text).toBe('Sie sagte „nein“.');
    expect(styleArticle(parseArticleMarkdown(md.replace('headline: Test', 'headline: Test\nlang: fr'), 'a.md', undefined, 'de'), HOUSE_THEME).body[0].runs[0].text).toBe(
      'Sie sagte «\u202fnein\u202f».',
    );
  });
});
