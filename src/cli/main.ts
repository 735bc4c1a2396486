#!/usr/bin/env node
// `stonehand` from the plain compiled modules. bin/stonehand starts the faster startup snapshot
// instead when `npm run build` made one for this Node version (see startup/).
import { hideBin } from 'yargs/helpers';
import { runCli } from './commands.js';

void runCli(hideBin(process.argv));
