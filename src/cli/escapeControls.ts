// What the command line prints of its input, made safe for a terminal.

/**
 * Text for the terminal with its control characters shown, not obeyed: C0 and C1 controls
 * (escape sequences, carriage returns, NUL…), DEL and the bidirectional overrides of input
 * files would otherwise recolour, rewrite or reorder what the user reads. `\x1b`, `\u202e`.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls but leaves DEL, C1 controls (a
 * lone U+009B is a terminal's CSI) and the bidirectional overrides raw; they become \u…
 * escapes, and the JSON reads back the same.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
