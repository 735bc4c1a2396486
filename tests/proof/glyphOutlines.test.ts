// The proof painter shapes text as layout measured it: on both sample editions, every run's
// glyph advances (with kerning and expansion) add up to the width layout gave the run.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layOutEdition } from '../../src/build/buildEdition.js';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { GlyphRun } from '../../src/model/layout.js';
import { fontGlyphs } from '../../src/proof/glyphOutlines.js';

describe('fontGlyphs', () => {
  const glyphs = fontGlyphs(loadFonts());

  it.each(['2022-11-15', '2024-03-12'])('%s: every run’s shaped advances equal its laid-out width', async (edition) => {
    const laid = await layOutEdition(resolve('content', edition), { profile: 'press', strict: false });
    const runs: GlyphRun[] = [];
    for (const page of laid.typeset.pages) {
      for (const item of page.items) {
        if (item.type === 'text') runs.push(...item.runs);
        if (item.type === 'placeholder') runs.push(...item.label);
      }
    }
    const off = runs.filter((run) => {
      const em = (run.size / glyphs.unitsPerEm(run.font)) * (run.scale ?? 1);
      const width = glyphs.shape(run.font, run.text).reduce((sum, g) => sum + g.xAdvance * em, 0);
      return Math.abs(width - run.width) > 0.001;
    });
    expect(runs.length).toBeGreaterThan(edition === '2022-11-15' ? 300 : 5000);
    expect(off.slice(0, 5)).toEqual([]);
  });

  it('outlines a letter and leaves a space empty', () => {
    const [h] = glyphs.shape('text', 'H');
    const [space] = glyphs.shape('text', ' ');
    expect(glyphs.outline('text', h.id).filter((c) => c.command === 'moveTo').length).toBeGreaterThanOrEqual(1);
    expect(glyphs.outline('text', space.id)).toEqual([]);
    // a ligature, as the font sets it: one glyph for "fi"
    expect(glyphs.shape('text', 'fi')).toHaveLength(1);
  });
});
