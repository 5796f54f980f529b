// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its .d.ts, and marks each folder
// with the module kind its .js files are, so Node and bundlers read them right. The command-line
// tool (src/cli) is built on its own, as ES modules with Node's types, into dist/esm/cli: the
// library itself is compiled without Node's types, so it cannot come to depend on Node.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
for (const [config, folder, type] of [
  ['tsconfig.build.json', 'dist/esm', 'module'],
  ['tsconfig.cjs.json', 'dist/cjs', 'commonjs'],
  ['tsconfig.cli.json', 'dist/esm', 'module'],
]) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', config], { stdio: 'inherit' });
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/package.json`, `${JSON.stringify({ type }, null, 2)}\n`);
}
