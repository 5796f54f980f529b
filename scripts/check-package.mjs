// Checks the package as it would be published: packs the tarball (run `npm run build` first), then
// lints it with publint (strict: warnings fail) and checks its types with @arethetypeswrong/cli for
// every resolution mode: node10, node16 from CommonJS and from ESM, and bundlers; last, checks that
// every link in a shipped page resolves inside the tarball or names a file of the repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTarball } from './pack-tarball.mjs';
import { deadLinksInTarball } from './packed-links.mjs';

const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-pack-'));
try {
  const tarball = packTarball(folder);
  const run = (args) => execFileSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
  run(['publint', 'run', tarball, '--strict']);
  run(['attw', tarball, '--profile', 'strict', '--no-emoji', '--no-color']);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  });
  const dead = deadLinksInTarball(tarball, new Set(files.split('\n').filter(Boolean)));
  if (dead.length > 0) {
    console.error(
      `package check: ${dead.length} dead link${dead.length === 1 ? '' : 's'} in the packed files:`,
    );
    for (const problem of dead) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log('package check: publint and arethetypeswrong found no problems; every packed link resolves');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
