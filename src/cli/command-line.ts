import { readFileSync } from 'node:fs';
import { UsageError } from './backoff-flags.js';
import { PLAN_USAGE, runPlanCommand } from './plan-command.js';

/** Where the command writes, and so what a spec gives it in place of the process's streams. */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const NAME = 'rxjs-retry-on-conflict';

/**
 * The command's own help.
 *
 * @example
 * ```ts
 * USAGE.split('\n')[0]; // 'Usage: rxjs-retry-on-conflict <command> [flags]'
 * ```
 */
export const USAGE = `Usage: ${NAME} <command> [flags]

Commands:
  plan    print a backoff's waits (min..max), the worst case and warnings; see \`${NAME} plan --help\`

Flags:
  -h, --help       this text
  -v, --version    the version of ${NAME}
`;

/**
 * The version in this package's package.json, found by walking up from this file: the source
 * (`src/cli/`) and the build (`dist/esm/cli/`) sit at different depths.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(packageVersion()); // true
 * ```
 */
export function packageVersion(): string {
  for (let folder = new URL('.', import.meta.url); ; folder = new URL('..', folder)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or one of another package): look further up.
    }
    if (folder.pathname === '/') throw new Error(`${NAME}: package.json not found above ${import.meta.url}`);
  }
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit status, as
 * tools people know do: help on stdout with status 0; a usage error on stderr, with the usage line,
 * and status 2; a command with no command given is a usage error.
 *
 * @param argv - the arguments, e.g. `['plan', '--steps', '5']`.
 * @param io - where output and errors go; the bin passes `process`.
 * @returns the exit status: 0, or 2 for a usage error.
 *
 * @example
 * ```ts
 * let out = '';
 * const io = { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true } };
 * main(['--version'], io); // 0
 * out.trim() === packageVersion(); // true
 * main([], io); // 2
 * ```
 */
export function main(argv: readonly string[], io: CommandIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'plan':
      return runReportingUsage(`${NAME} plan`, PLAN_USAGE, io, () => runPlanCommand(rest, io.stdout));
    case '-h':
    case '--help':
      io.stdout.write(USAGE);
      return 0;
    case 'help':
      io.stdout.write(rest[0] === 'plan' ? PLAN_USAGE : USAGE);
      return 0;
    case '-v':
    case '--version':
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    case undefined:
      io.stderr.write(`${NAME}: a command is needed\n\n${USAGE}`);
      return 2;
    default:
      io.stderr.write(
        `${NAME}: ${command.startsWith('-') ? 'unknown flag' : 'unknown command'} ${JSON.stringify(command)}\n\n${USAGE}`,
      );
      return 2;
  }
}

/** Runs `run`; a {@link UsageError} becomes its message, the usage line and status 2, on stderr. */
function runReportingUsage(prefix: string, usage: string, io: CommandIo, run: () => number): number {
  try {
    return run();
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = usage.slice(0, usage.indexOf('\n\n'));
    io.stderr.write(`${prefix}: ${error.message}\n\n${synopsis}\nRun \`${prefix} --help\` for the flags.\n`);
    return 2;
  }
}
