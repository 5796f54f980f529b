// The Angular example as its users run it: packs this package (as `npm publish` would), installs
// the example app's locked dependencies and the tarball into examples/angular-app, runs the app's
// specs with its own runner (`ng test`: Vitest), makes the production build, and drives that build
// in headless Chromium against a CouchDB-protocol server on 127.0.0.1
// (examples/angular-app/e2e/browser-check.ts). Needs Chromium: $CHROMIUM or `chromium` on the PATH.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTarball } from './pack-tarball.mjs';

const app = 'examples/angular-app';
const env = { ...process.env, NG_CLI_ANALYTICS: 'false', CI: 'true' };
const run = (command, args, cwd = '.') => {
  console.log(`\n> ${command} ${args.join(' ')}${cwd === '.' ? '' : `   (in ${cwd})`}`);
  execFileSync(command, args, { cwd, env, stdio: 'inherit' });
};

const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-angular-'));
try {
  run('npm', ['run', 'build']);
  const tarball = packTarball(folder);
  run('npm', ['ci', '--no-audit', '--no-fund'], app);
  // Not saved: the lock stays reproducible, and the package is always the tree's current build.
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], app);
  run('npx', ['--no-install', 'ng', 'test', '--watch=false'], app);
  run('npx', ['--no-install', 'ng', 'build'], app);
  run('npx', ['--no-install', 'tsx', `${app}/e2e/browser-check.ts`, ...process.argv.slice(2)]);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
