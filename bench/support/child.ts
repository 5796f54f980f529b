import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs one bench file in a fresh Node process and returns the JSON it prints last. A fresh process
 * per library keeps one library's object shapes out of the JIT-compiled RxJS code another is timed on.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the child prints; the caller states it
export function runChild<T>(
  file: string,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): T {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  const stdout = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', path, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}

/** Prints a child's result for `runChild`. */
export function reply(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
