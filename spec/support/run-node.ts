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

// A spec that fails or times out while its child runs must not leave the child running: jasmine
// moves on to the next spec without waiting for the promise it gave up on.
afterEach(() => running.forEach(endChild));
process.once('exit', () => running.forEach(endChild));

/**
 * Runs a TypeScript entry point as its own Node process (through tsx, as `npm run` does) and
 * collects its exit code and output. The child is ended if it outlives `timeoutMs`, and when the
 * spec that started it ends first (fails or times out).
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
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      endChild(child);
      reject(
        new Error(`${entry} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      endChild(child);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}
