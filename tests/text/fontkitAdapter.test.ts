// fontkit's internals are read in one module (src/text/fontkitAdapter.ts). When a fontkit
// upgrade moves them, this is the test that fails, saying what is gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontFileBytes, fontkitPostscriptName, fontkitPostTable, fontkitSubset, glyphAdvance, layoutTable, tableDirectory } from '../../src/text/fontkitAdapter.js';
import { FONT_FILES } from '../../src/text/fontFiles.js';
import { ROOT } from '../cli/runCli.js';

describe('fontkitAdapter: what Stonehand reads of fontkit 2.0.4', () => {
  for (const file of new Set(Object.values(FONT_FILES))) {
    it(`reads ${file}: its bytes, table directory, layout tables, advances, post table and PostScript name`, () => {
      const bytes = readFileSync(join(ROOT, 'fonts', file));
      const font = create(bytes);
      expect(Buffer.from(fontFileBytes(font)).equals(bytes)).toBe(true);
      const tables = tableDirectory(font);
      for (const tag of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx', 'name', 'post']) {
        const entry = tables[tag];
        expect(entry, tag).toBeDefined();
        expect(entry!.offset + entry!.length).toBeLessThanOrEqual(bytes.length);
      }
      // the directory points at the tables: head's magic number is at its offset 12
      expect(bytes.readUInt32BE(tables.head!.offset + 12)).toBe(0x5f0f3cf5);
      const gsub = layoutTable<{ lookupList: { toArray(): unknown[] } }>(font, 'GSUB');
      expect(gsub?.lookupList.toArray().length).toBeGreaterThan(0);
      expect(layoutTable<object>(font, 'GPOS')).toBeTypeOf('object');
      const a = font.layout('A').glyphs[0];
      expect(glyphAdvance(font, a.id)).toBe(a.advanceWidth);
      expect(fontkitPostTable<{ italicAngle: number }>(font).italicAngle).toBeTypeOf('number');
      expect(fontkitPostscriptName(font)).toMatch(/^[A-Za-z0-9-]+$/);
    });
  }

  it('makes a subset through fontkit', () => {
    const font = create(readFileSync(join(ROOT, 'fonts', FONT_FILES.text)));
    expect(fontkitSubset(font)).toHaveProperty('encode');
  });

  it('fails with a message naming what is gone when fontkit no longer has it', () => {
    const bare = {} as Font;
    expect(() => fontFileBytes(bare)).toThrow(/fontkit internals changed: font\.stream\.buffer .*fontkit 2\.0\.4/);
    expect(() => tableDirectory(bare)).toThrow(/fontkit internals changed: font\.directory\.tables is missing/);
    expect(() => glyphAdvance(bare, 1)).toThrow(/font\.getGlyph is not a function/);
    expect(() => layoutTable({ directory: { tables: { GSUB: { offset: 0, length: 8 } } } } as unknown as Font, 'GSUB')).toThrow(/font\.GSUB does not decode/);
  });
});
