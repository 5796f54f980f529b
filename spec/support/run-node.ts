import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHILD_TIME_LIMIT_MS } from './time-limits.js';

/** The repository root: scripts are run from there, as `npm run` does. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Children started and not yet ended. */
const running = new Set<ChildProcess>();

function endChild(child: ChildProcess): void {
  running.delete(child);
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    // It ended between the check and the kill: nothing left to end.
  }
}

/** Children ended because the spec that started them ended first. */
const abandoned = new WeakSet<ChildProcess>();

// A spec that fails or times out while its child runs must not leave the child running: jasmine
// moves on to the next spec without waiting for the promise it gave up on.
afterEach(() =>
  running.forEach((child) => {
    abandoned.add(child);
    endChild(child);
  }),
);
process.once('exit', () => running.forEach(endChild));

/**
 * Runs a TypeScript entry point as its own Node process (through tsx, as `npm run` does) and
 * collects its exit code and output (with `closeStdoutAfterFirstChunk`, only the first chunk of
 * stdout, then the pipe is closed as `| head` closes it). The child is ended if it outlives `timeoutMs` (the promise
 * rejects), and when the spec that started it ends first, failed or timed out (the promise then
 * never settles: nothing is left to receive it).
 *
 * @example
 * ```ts
 * const result = await runTypeScript('src/cli/main.ts', ['plan', '--steps', '5']);
 * expect(result.code).toBe(0);
 * ```
 */
export function runTypeScript(
  entry: string,
  args: readonly string[],
  timeoutMs = CHILD_TIME_LIMIT_MS,
  { closeStdoutAfterFirstChunk = false } = {},
): Promise<ProcessResult> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // the test runner's own loader flags are not the child's business
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    // As `| head` does: the reader has what it wants and closes its end of the pipe.
    if (closeStdoutAfterFirstChunk) child.stdout.destroy();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (abandoned.has(child)) return;
      endChild(child);
      reject(
        new Error(`${entry} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      endChild(child);
      if (!abandoned.has(child)) reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      // The spec that awaits this is over: settling would run the rest of it, and its expectations
      // would count against whichever spec runs now. It stays pending instead.
      if (abandoned.has(child)) return;
      resolve({ code, stdout, stderr });
    });
  });
}
