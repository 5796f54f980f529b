import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the compiled children go: under node_modules, so that their imports of packages resolve as
 * the sources' do, and out of git's sight. The package itself is linked into their own
 * node_modules, so that they import it by its name, as an app that installed it does.
 */
const outDir = `${root}node_modules/.cache/rxjs-retry-on-conflict-bench`;

function linkPackage(): void {
  const link = `${outDir}/node_modules/rxjs-retry-on-conflict`;
  if (existsSync(link)) return;
  mkdirSync(`${outDir}/node_modules`, { recursive: true });
  symlinkSync(root, link, 'dir');
}

/**
 * Runs one bench file in a fresh Node process and returns the JSON it prints last. A fresh process
 * per library keeps one library's object shapes out of the JIT-compiled RxJS code another is timed on.
 *
 * The file is compiled by esbuild first, not run through tsx: tsx keeps function names by wrapping
 * every function expression in `__name(fn, "name")`, an `Object.defineProperty` on each closure
 * the moment it is made. Timed code that makes closures per call (RxJS's `delay: () => timer(10)`
 * at the call site, the source made for each request) would pay for it on every call, which an app
 * does not. Packages stay imports, so the built library and RxJS are the files an app loads.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the child prints; the caller states it
export function runChild<T>(
  file: string,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): T {
  linkPackage();
  const outfile = `${outDir}/${file.replace(/\.ts$/, '.mjs')}`;
  buildSync({
    entryPoints: [`${root}bench/${file}`],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    logLevel: 'error',
  });
  const stdout = execFileSync(process.execPath, [...nodeFlags, outfile, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}
