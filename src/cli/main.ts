#!/usr/bin/env node
// The `rxjs-retry-on-conflict` command. Kept out of the package's index: importing the library
// never loads it. The work is in command-line.ts, which specs run in-process.
import { main } from './command-line.js';

// A reader that stops early (`plan … | head`) closes the pipe: that is its choice, not a failure of
// the command, which ends quietly instead of crashing on a write that nobody will read.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = main(process.argv.slice(2), process);
