#!/usr/bin/env node
// The command line's entry: `node dist/cli/main.js` runs it from the compiled modules; the
// installed `stonehand` (dist/cli/stonehand.cjs, see cli/launch.ts) runs it bundled.
import { hideBin } from 'yargs/helpers';
import { runCli } from './commands.js';

void runCli(hideBin(process.argv));
