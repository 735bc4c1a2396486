// yargs' internals are read in one module (src/cli/yargsAdapter.ts). When a yargs upgrade
// moves them, this is the test that fails, saying what is gone.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { renderHelpOnlyWhenAsked } from '../../src/cli/yargsAdapter.js';

describe('yargsAdapter: what Stonehand reads of yargs 18.2.0', () => {
  it("turns off yargs' help cache, and help is still rendered when asked for", async () => {
    const parser = yargs(['--help'])
      .scriptName('probe')
      .command('build', 'typeset an edition')
      .help()
      .exitProcess(false);
    const disabled = renderHelpOnlyWhenAsked(parser);
    expect(disabled, "yargs internals changed: getInternalMethods().getUsageInstance().cacheHelpMessage is gone, so yargs renders help on every run again (see src/cli/yargsAdapter.ts)").toBe(true);
    const help = await parser.getHelp();
    expect(help).toMatch(/probe build\s+typeset an edition/);
  });

  it('leaves a parser without those internals as it is', () => {
    expect(renderHelpOnlyWhenAsked({})).toBe(false);
  });
});
