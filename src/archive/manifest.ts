// The archive's manifest: every file with its SHA-256 and size, each edition's source hash,
// the Stonehand that built it. OUT/manifest.json for a whole run; OUT/manifest.part-K-of-N.json
// for shard K of N. Verify reads them all and checks the files on disk against them.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const MANIFEST_SCHEMA = 'stonehand-archive-manifest/1';
export const MANIFEST = 'manifest.json';
export const partName = (index: number, count: number) => `manifest.part-${index}-of-${count}.json`;
const PART = /^manifest\.part-(\d+)-of-(\d+)\.json$/;

export interface FileEntry {
  /** relative to the archive's root, with forward slashes */
  path: string;
  sha256: string;
  size: number;
}

export interface EditionEntry {
  /** YYYY-MM-DD */
  date: string;
  /** SHA-256 over the edition's source files (their paths and contents) */
  sourceHash: string;
  /** the Stonehand that built it: version and build (a hash of the program) */
  stonehand: StonehandId;
  pages: number;
  files: FileEntry[];
}

export interface StonehandId {
  version: string;
  build: string;
}

export interface Manifest {
  schema: string;
  stonehand: StonehandId;
  /** the shard this part is for; absent for the whole archive's manifest */
  shard?: { index: number; count: number };
  /** by date, in date order */
  editions: EditionEntry[];
  /** editions that failed in the run that wrote this (their earlier build, if any, is kept above) */
  failed: { date: string; message: string }[];
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The manifest as written: stable key order, one edition a few lines. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 1)}\n`;
}

/** Every manifest in `outDir` (the whole one and the shards' parts), by file name; none is empty. */
export async function readManifests(outDir: string): Promise<Map<string, Manifest>> {
  const found = new Map<string, Manifest>();
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return found;
  }
  for (const name of names.sort()) {
    if (name !== MANIFEST && !PART.test(name)) continue;
    const manifest = JSON.parse(await readFile(join(outDir, name), 'utf8')) as Manifest;
    if (manifest.schema !== MANIFEST_SCHEMA) throw new Error(`${join(outDir, name)}: not a manifest this Stonehand reads (schema ${String(manifest.schema)})`);
    found.set(name, manifest);
  }
  return found;
}

/** The editions of all manifests, by date: a shard's part wins over the whole archive's manifest (it is newer or the same). */
export function editionsOf(manifests: Map<string, Manifest>): Map<string, EditionEntry> {
  const editions = new Map<string, EditionEntry>();
  const whole = manifests.get(MANIFEST);
  for (const e of whole?.editions ?? []) editions.set(e.date, e);
  for (const [name, m] of manifests) if (name !== MANIFEST) for (const e of m.editions) editions.set(e.date, e);
  return editions;
}

export interface VerifyResult {
  checked: number;
  changed: string[];
  missing: string[];
  unexpected: string[];
}

/** Every file of `outDir` below it, relative, with forward slashes (temporary and work files skipped). */
async function filesUnder(outDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir === outDir && entry.name === WORK_DIR) continue;
        await walk(path);
      } else out.push(relative(outDir, path).split(sep).join('/'));
    }
  };
  await walk(outDir);
  return out;
}

/** Where editions are built before they are moved into place. */
export const WORK_DIR = '.work';

/**
 * Checks every file on disk against the manifests: a file whose size or SHA-256 differs is
 * changed, a listed file that is not there is missing, a file no manifest lists is unexpected
 * (the manifests themselves excepted).
 */
export async function verifyArchive(outDir: string, manifests: Map<string, Manifest>): Promise<VerifyResult> {
  const listed = new Map<string, FileEntry>();
  for (const edition of editionsOf(manifests).values()) for (const f of edition.files) listed.set(f.path, f);
  const result: VerifyResult = { checked: 0, changed: [], missing: [], unexpected: [] };
  const onDisk = new Set(await filesUnder(outDir).catch(() => []));
  for (const [path, entry] of [...listed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!onDisk.has(path)) {
      result.missing.push(path);
      continue;
    }
    result.checked++;
    const full = join(outDir, path);
    const size = (await stat(full)).size;
    if (size !== entry.size || sha256(await readFile(full)) !== entry.sha256) result.changed.push(path);
  }
  for (const path of [...onDisk].sort()) {
    if (listed.has(path) || path === MANIFEST || PART.test(path)) continue;
    result.unexpected.push(path);
  }
  return result;
}
