#!/usr/bin/env node
// The `rxjs-retry-on-conflict` command. Kept out of the package's index: importing the library
// never loads it. The work is in command-line.ts, which specs run in-process.
import { main } from './command-line.js';

process.exitCode = main(process.argv.slice(2), process);
