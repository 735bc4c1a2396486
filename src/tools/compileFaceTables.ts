// `npm run build`: compiles each face's shaping tables (text/faceTables.ts) into
// dist/face-tables/, so a build shapes plain text without fontkit decoding GSUB/GPOS.
import { readFileSync } from 'node:fs';
import { create as createFont } from 'fontkit';
import { faceTablesFile, fontsDir, sha1 } from '../io/loadFonts.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { candidateCodePoints, compileFaceTables, faceTablesToBytes } from '../text/faceTables.js';
import { FONT_FILES, TABLE_KEYS } from '../text/fontFiles.js';

async function main() {
  for (const file of TABLE_KEYS.map((key) => FONT_FILES[key])) {
    const bytes = readFileSync(fontsDir() + file);
    const tables = compileFaceTables(createFont(bytes), candidateCodePoints(), file);
    await writeFileAtomic(faceTablesFile(file), faceTablesToBytes(tables, sha1(bytes)));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`compileFaceTables: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
