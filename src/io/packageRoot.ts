import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Where the installed package is: fonts/, dist/ and node_modules/ are found from here. It is
// this module's folder two levels up: src/io/ under the tests, dist/io/ for the compiled
// modules, and dist/cli/ for the bundle (whose import.meta.url is the bundle's own path).
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The package's root folder, ending in a separator. */
export const packageRoot = (): string => root;

/**
 * require() from the package root: how a package only some builds need (sharp, for photos) is
 * loaded when first needed, the same way from the modules and from the bundle, which runs
 * without an ESM loader for import().
 */
export function requireFromPackage<T>(name: string): T {
  return createRequire(pathToFileURL(`${root}package.json`))(name) as T;
}

let version: string | undefined;
/** Stonehand's version, from package.json. */
export function stonehandVersion(): string {
  version ??= (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
  return version;
}
