#!/usr/bin/env node
// The `rxjs-retry-on-conflict` command. Kept out of the package's index: importing the library
// never loads it.
import { PLAN_USAGE, runPlanCommand, UsageError } from './plan-command.js';

const USAGE = `Usage: rxjs-retry-on-conflict <command> [flags]

Commands:
  plan    print a backoff's waits (min..max), the worst case and warnings; see \`plan --help\`
`;

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'plan') return runPlanCommand(rest, process.stdout);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n${PLAN_USAGE}`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}; the command is \`plan\``);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`rxjs-retry-on-conflict: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
