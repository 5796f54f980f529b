import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: scripts are run from there, as `npm run` does. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript entry point as its own Node process (through tsx, as `npm run` does) and
 * collects its exit code and output. The process is killed if it outlives `timeoutMs`.
 */
export function runTypeScript(
  entry: string,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<ProcessResult> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // the test runner's own loader flags are not the child's business
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${entry} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
