// Checks the package as it would be published: packs the tarball (run `npm run build` first), then
// lints it with publint (strict: warnings fail) and checks its types with @arethetypeswrong/cli for
// every resolution mode: node10, node16 from CommonJS and from ESM, and bundlers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTarball } from './pack-tarball.mjs';

const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-pack-'));
try {
  const tarball = packTarball(folder);
  const run = (args) => execFileSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
  run(['publint', 'run', tarball, '--strict']);
  run(['attw', tarball, '--profile', 'strict', '--no-emoji', '--no-color']);
  console.log('package check: publint and arethetypeswrong found no problems');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
