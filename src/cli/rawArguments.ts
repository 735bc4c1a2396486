// What yargs cannot be given as it is. yargs parses a command's positionals a second time as
// `--source VALUE`, so a positional that looks like an option — `-` (standard input) or a file
// named `-x.md` after `--` — comes out as "" or true, or is lost. Such arguments are handed to
// yargs as placeholders and put back after parsing.

const PLACEHOLDER = '\u0000stonehand-argument-';

export interface ProtectedArguments {
  /** the arguments for yargs: `-` and everything after `--` replaced by placeholders, `--` dropped */
  args: string[];
  /** a parsed value (a positional or an option's) with its placeholder put back; other values unchanged */
  restore<T>(value: T): T | string;
  /** `text` (a yargs message) with any placeholder shown as the argument it stands for */
  restoreText(text: string): string;
}

export function protectArguments(raw: string[]): ProtectedArguments {
  const kept: string[] = [];
  const args: string[] = [];
  const end = raw.indexOf('--');
  raw.forEach((arg, i) => {
    if (i === end) return;
    // `-` alone is a value (standard input as a source, standard output as -o's), never an option
    if ((end >= 0 && i > end) || arg === '-') {
      args.push(`${PLACEHOLDER}${kept.length}`);
      kept.push(arg);
    } else args.push(arg);
  });
  const restoreText = (text: string) => text.replace(new RegExp(`${PLACEHOLDER}(\\d+)`, 'g'), (_, n: string) => kept[Number(n)] ?? '');
  return {
    args,
    restore: <T>(value: T) => (typeof value === 'string' && value.startsWith(PLACEHOLDER) ? restoreText(value) : value),
    restoreText,
  };
}

/** True when the command line asks for `--json` (before any `--`): then even a usage error is reported as JSON. */
export function asksForJson(raw: string[]): boolean {
  const end = raw.indexOf('--');
  const options = end >= 0 ? raw.slice(0, end) : raw;
  let json = false;
  for (const arg of options) {
    if (arg === '--json' || arg === '--json=true') json = true;
    else if (arg === '--no-json' || arg === '--json=false') json = false;
  }
  return json;
}
