// The shape of every `--json` report: one JSON object on stdout, success or failure, with the
// schema's version first. Change SCHEMA_VERSION when a key changes meaning or goes away (new
// keys may be added without it). The README ("Command line") shows an example of each.
import type { Diagnostic, Location } from './diagnostics.js';

export const JSON_SCHEMA_VERSION = 1;

/** A warning or note in a report: what kind (`code`), what, and where. */
export interface JsonDiagnostic {
  code: string;
  message: string;
  location: Location;
}

const asJson = (d: Diagnostic): JsonDiagnostic => ({ code: d.code, message: d.message, location: d.location });

/** A command that ran: `ok` says whether what it checked passed (preflight, archive). */
export function jsonReport<T extends object>(command: string, ok: boolean, body: T): { schemaVersion: number; command: string; ok: boolean } & T {
  return { schemaVersion: JSON_SCHEMA_VERSION, command, ok, ...body };
}

/** The diagnostics of a report, without their severity (the key they are listed under says it). */
export const jsonDiagnostics = (list: Diagnostic[]): JsonDiagnostic[] => list.map(asJson);

/**
 * A command that failed: its exit status, the error (code `content-error`, `usage-error`,
 * `internal-error`, or `warnings-as-errors` under --strict) and the warnings known by then.
 */
export function jsonFailure(command: string | null, exitCode: number, error: Diagnostic, warnings: Diagnostic[] = []) {
  return { schemaVersion: JSON_SCHEMA_VERSION, command, ok: false, exitCode, error: asJson(error), warnings: jsonDiagnostics(warnings) };
}
