// `npm run build`: compiles each face's shaping tables (text/faceTables.ts) into
// dist/face-tables/, so a build shapes plain text without fontkit decoding GSUB/GPOS.
import { readFileSync } from 'node:fs';
import { create as createFont } from 'fontkit';
import { faceTablesFile, fontsDir, sha1 } from '../io/loadFonts.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { candidateCodePoints, compileFaceTables, faceTablesToBytes } from '../text/faceTables.js';
import { FONT_FILES } from '../text/fontFiles.js';

async function main() {
  for (const file of Object.values(FONT_FILES)) {
    const bytes = readFileSync(fontsDir() + file);
    const tables = compileFaceTables(createFont(bytes), candidateCodePoints(), file);
    await writeFileAtomic(faceTablesFile(file), faceTablesToBytes(tables, sha1(bytes)));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`compileFaceTables: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
