// The man page, made from the command line's own help: yargs' help text of each command read
// back into sections and entries (usage, description, positionals, options with their type,
// choices and default) and written as roff with the man macros. Pure: writeManPage.ts runs
// the command for the texts and writes the file.

/** One entry of a help section: a command or an option, and what the help says of it. */
export interface HelpEntry {
  /** as the help shows it: `stonehand build [source]`, `-w, --watch`, `source` */
  name: string;
  description: string;
  /** the bracketed notes yargs adds: `string`, `boolean`, `choices: "a", "b"`, `default: "x"`, `required` */
  notes: string[];
}

export interface HelpText {
  /** the first line: `stonehand build [source]` */
  usage: string;
  /** the paragraph under it, if any */
  description: string;
  /** `Commands`, `Positionals`, `Options`…, in order */
  sections: { title: string; entries: HelpEntry[] }[];
}

/** The notes yargs puts after an entry's description. */
const NOTE = /\s*\[(string|boolean|number|array|count|required|deprecated|choices: [^\]]*|default: [^\]]*|aliases: [^\]]*)\]\s*$/;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Splits an entry's text (description and notes, joined from its wrapped lines) into the two. */
function entry(name: string, text: string): HelpEntry {
  const notes: string[] = [];
  let rest = squash(text);
  for (let m = NOTE.exec(rest); m; m = NOTE.exec(rest)) {
    notes.unshift(m[1]);
    rest = rest.slice(0, m.index);
  }
  return { name: squash(name), description: squash(rest), notes };
}

/**
 * Reads yargs' help text (as `--help` prints it, wrapped at 80 columns): blocks separated by
 * blank lines; a block headed `Title:` is a section of entries, each a name, two or more
 * spaces, and its text (wrapped lines below it, further in); the first block is the usage, a
 * plain block the description.
 */
export function parseHelp(text: string): HelpText {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter((b) => b !== '');
  if (blocks.length === 0) throw new Error('empty help text');
  const help: HelpText = { usage: squash(blocks[0]), description: '', sections: [] };
  for (const block of blocks.slice(1)) {
    const lines = block.split('\n');
    const title = /^(\S[^:]*):$/.exec(lines[0]);
    if (!title) {
      help.description = squash(`${help.description} ${block}`);
      continue;
    }
    const entries: { name: string; text: string }[] = [];
    for (const line of lines.slice(1)) {
      // an entry starts two spaces in; an option without a short form a few more, under the
      // long forms of `-w, --watch`; its wrapped lines start under its description, further in
      const start = /^(?: {2}(?=\S)| {3,6}(?=-))(\S.*?)(?: {2,}(.*))?$/.exec(line);
      if (start) entries.push({ name: start[1], text: start[2] ?? '' });
      else if (entries.length > 0) entries[entries.length - 1].text += ` ${line}`;
      else throw new Error(`help section ${title[1]}: a line before its first entry: ${line}`);
    }
    help.sections.push({ title: title[1], entries: entries.map((e) => entry(e.name, e.text)) });
  }
  return help;
}

/**
 * Text for roff: backslashes escaped, a leading dot or quote kept from reading as a request,
 * characters beyond ASCII as groff's \[uXXXX] (man pages are read as Latin-1 or ASCII by some
 * formatters; this reads the same everywhere).
 */
export function roffText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\\/g, '\\e')) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 ? ch : `\\[u${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out.replace(/^([.'])/, '\\&$1');
}

/** An option's or command's name in roff: dashes as \- (the minus sign, what a reader types), bold, with its arguments in italics. */
function roffName(name: string): string {
  return name
    .split(/(\s+|,)/)
    .filter((part) => part !== '')
    .map((part) => {
      if (/^\s+$/.test(part) || part === ',') return part === ',' ? ',' : ' ';
      const escaped = roffText(part).replace(/-/g, '\\-');
      return /^[[<]/.test(part) ? `\\fI${escaped}\\fR` : `\\fB${escaped}\\fR`;
    })
    .join('');
}

export interface ManPageOptions {
  name: string;
  version: string;
  /** one line for NAME */
  summary: string;
  /** the top-level help */
  main: HelpText;
  /** each command's help, in the order the top-level help lists them (undefined: the command has none of its own) */
  commands: { entry: HelpEntry; help?: HelpText }[];
  /** further sections, written after the commands: title and paragraphs */
  extra?: { title: string; paragraphs: (string | { tag: string; text: string })[] }[];
}

/** The man page (section 1) in roff, one .SS per command. */
export function manPage(options: ManPageOptions): string {
  const out: string[] = [];
  const para = (text: string) => out.push(roffText(text));
  const tagged = (tag: string, text: string) => out.push('.TP', tag, roffText(text));
  const notes = (e: HelpEntry) => (e.notes.length > 0 ? `${e.description}${e.description ? ' ' : ''}[${e.notes.join('] [')}]` : e.description);

  out.push(`.TH ${options.name.toUpperCase()} 1 "" "${roffText(`${options.name} ${options.version}`)}" "User Commands"`);
  // paths and option values read better unbroken: no hyphenation, ragged right
  out.push('.nh', '.ad l');
  out.push('.SH NAME', `${roffText(options.name)} \\- ${roffText(options.summary)}`);
  out.push('.SH SYNOPSIS', roffName(options.main.usage));
  for (const { entry: command } of options.commands) out.push('.br', roffName(command.name) + ' [\\fIoptions\\fR]');
  for (const section of options.main.sections) {
    if (section.title === 'Commands') continue; // each has its own subsection below
    out.push(`.SH ${roffText(section.title.toUpperCase())}`);
    for (const e of section.entries) tagged(roffName(e.name), notes(e));
  }
  out.push('.SH COMMANDS');
  for (const { entry: command, help } of options.commands) {
    out.push(`.SS "${roffText(help?.usage ?? command.name)}"`);
    para(help?.description || command.description);
    for (const section of help?.sections ?? []) {
      out.push('.PP', `\\fI${roffText(section.title)}:\\fR`);
      for (const e of section.entries) tagged(roffName(e.name), notes(e));
    }
  }
  for (const section of options.extra ?? []) {
    out.push(`.SH ${roffText(section.title.toUpperCase())}`);
    for (const p of section.paragraphs) {
      if (typeof p === 'string') out.push('.PP', roffText(p));
      else tagged(roffName(p.tag), p.text);
    }
  }
  return `${out.join('\n')}\n`;
}
