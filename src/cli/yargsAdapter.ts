// The one module that reads yargs' internals (yargs 18.2.0, pinned exactly in package.json).
// tests/cli/yargsAdapter.test.ts fails, naming what is gone, when an upgrade moves them.

type YargsInternals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };

/**
 * yargs renders the whole help text and caches it each time it runs a command, in case it is
 * asked for later: tens of milliseconds of a cold process, for help nobody asked for. Without
 * the cache, yargs renders help when it shows it. Returns whether it could: with the internal
 * gone, yargs keeps caching (slower, the same output).
 */
export function renderHelpOnlyWhenAsked(parser: unknown): boolean {
  const usage = (parser as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (!usage || typeof usage.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => {};
  return true;
}
