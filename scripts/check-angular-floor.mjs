// Checks the lowest @angular/core the `rxjs-retry-on-conflict/angular` entry declares (its peer
// range, >=15.0.0): installs that version from the registry into a new project in a temporary
// folder with the packed tarball, and runs the entry there: the policy's attempts, the testing
// provider's zero waits, and Angular's own error outside an injection context. Run `npm run build`
// first. `node scripts/check-angular-floor.mjs 14.3.0` shows the version below failing: 14 has no
// `makeEnvironmentProviders`. Needs the npm registry, so CI does not run it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTarball } from './pack-tarball.mjs';

const version = process.argv[2] ?? '15.0.0';
const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-angular-floor-'));
const sh = (command, args) =>
  execFileSync(command, args, { cwd: folder, encoding: 'utf8', stdio: 'inherit' });

try {
  const tarball = packTarball(folder);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  // --legacy-peer-deps: a version below the declared floor must be installable to be shown failing.
  sh('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--silent',
    '--legacy-peer-deps',
    `@angular/core@${version}`,
    'rxjs@7',
    'tslib',
    tarball,
  ]);
  writeFileSync(
    join(folder, 'check.mjs'),
    `import assert from 'node:assert/strict';
import { createEnvironmentInjector, InjectionToken, VERSION } from '@angular/core';
import { defer, lastValueFrom, throwError } from 'rxjs';
import { injectRetryOnConflict, provideRetryOnConflict, provideRetryOnConflictTesting } from 'rxjs-retry-on-conflict/angular';

const OPERATOR = new InjectionToken('operator');
const injector = createEnvironmentInjector(
  [
    provideRetryOnConflict({ backoff: { steps: 3, duration: 50, factor: 1, jitter: 0 } }),
    provideRetryOnConflictTesting(),
    { provide: OPERATOR, useFactory: () => injectRetryOnConflict() },
  ],
  null,
);
let subscriptions = 0;
const started = Date.now();
const failing = defer(() => (subscriptions++, throwError(() => ({ status: 409 }))));
await assert.rejects(lastValueFrom(failing.pipe(injector.get(OPERATOR))), { status: 409 });
assert.equal(subscriptions, 3);
assert.ok(Date.now() - started < 50, 'the testing provider waited');
assert.throws(() => injectRetryOnConflict(), /NG0203|inject\\(\\) must be called/);
console.log('rxjs-retry-on-conflict/angular works with @angular/core ' + VERSION.full);
`,
  );
  sh(process.execPath, ['check.mjs']);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
