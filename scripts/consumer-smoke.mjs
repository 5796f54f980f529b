// Consumer smoke test: installs the packed tarball into a new project in a temporary folder, the
// way a user would, and uses it there: `import` (ESM), `require` (CommonJS) and the
// `rxjs-retry-on-conflict plan` command through npx, and the `rxjs-retry-on-conflict/angular` entry
// in an Angular injector. Offline: the package comes from its tarball and rxjs, tslib and
// @angular/core from tarballs packed from this project's node_modules.
// Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packTarball } from './pack-tarball.mjs';

const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-consumer-'));
const sh = (command, args, options = {}) =>
  execFileSync(command, args, {
    cwd: folder,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  });

// Both module kinds do the same real work: a source that fails twice with a 409 and then succeeds,
// retried with real timers, and a schedule from backoffDelays.
const exercise = `
const failures = [{ status: 409 }, { status: 409 }];
let subscriptions = 0;
const source = defer(() => {
  subscriptions++;
  const failure = failures.shift();
  return failure ? throwError(() => failure) : of('saved');
});
const value = await lastValueFrom(source.pipe(retryOnConflict({ steps: 3, duration: 1, factor: 1, jitter: 0 })));
assert.equal(value, 'saved');
assert.equal(subscriptions, 3);
assert.deepEqual(backoffDelays(DefaultBackoff, () => 0), [10, 50, 250]);
assert.equal(Object.isFrozen(DefaultRetry), true);
assert.equal(isConflict({ status: 409 }), true);
assert.equal(typeof onError, 'function');
`;

try {
  const tarball = packTarball(folder);
  const rxjsTarball = packTarball(folder, resolve('node_modules/rxjs'));
  const tslibTarball = packTarball(folder, resolve('node_modules/tslib'));
  const angularCoreTarball = packTarball(folder, resolve('node_modules/@angular/core'));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer', private: true }, null, 2));
  sh('npm', [
    'install',
    '--offline',
    '--no-audit',
    '--no-fund',
    '--silent',
    tarball,
    rxjsTarball,
    tslibTarball,
    angularCoreTarball,
  ]);

  writeFileSync(
    join(folder, 'esm.mjs'),
    `import assert from 'node:assert/strict';
import { defer, lastValueFrom, of, throwError } from 'rxjs';
import { backoffDelays, DefaultBackoff, DefaultRetry, isConflict, onError, retryOnConflict } from 'rxjs-retry-on-conflict';
${exercise}
console.log('ESM import: ok');
`,
  );
  writeFileSync(
    join(folder, 'cjs.cjs'),
    `const assert = require('node:assert/strict');
const { defer, lastValueFrom, of, throwError } = require('rxjs');
const { backoffDelays, DefaultBackoff, DefaultRetry, isConflict, onError, retryOnConflict } = require('rxjs-retry-on-conflict');
assert.match(require.resolve('rxjs-retry-on-conflict'), /dist[\\\\/]cjs[\\\\/]index\\.js$/);
(async () => {
${exercise}
console.log('CommonJS require: ok');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
  );
  // The Angular entry, from both module kinds: the policy set by the provider decides the attempts,
  // a bad policy throws the operator's message, and outside an injection context Angular's NG0203.
  const angularExercise = `
const injector = createEnvironmentInjector(
  [provideRetryOnConflict({ backoff: { steps: 2, duration: 1, factor: 1, jitter: 0 } })],
  null,
);
const retry = runInInjectionContext(injector, () => injectRetryOnConflict());
let angularSubscriptions = 0;
const alwaysConflicting = defer(() => (angularSubscriptions++, throwError(() => ({ status: 409 }))));
await assert.rejects(lastValueFrom(alwaysConflicting.pipe(retry)), { status: 409 });
assert.equal(angularSubscriptions, 2);
assert.throws(() => provideRetryOnConflict({ backoff: { steps: 0, duration: 1, factor: 1, jitter: 0 } }), {
  name: 'RangeError',
  message: 'Backoff.steps must be an integer >= 1, got 0',
});
assert.throws(() => injectRetryOnConflict(), /NG0203/);
assert.equal(typeof provideRetryOnConflictTesting(), 'object');
injector.destroy();
`;
  writeFileSync(
    join(folder, 'angular-esm.mjs'),
    `import assert from 'node:assert/strict';
import { createEnvironmentInjector, runInInjectionContext } from '@angular/core';
import { defer, lastValueFrom, throwError } from 'rxjs';
import { injectRetryOnConflict, provideRetryOnConflict, provideRetryOnConflictTesting } from 'rxjs-retry-on-conflict/angular';
${angularExercise}
console.log('ESM import of rxjs-retry-on-conflict/angular: ok');
`,
  );
  writeFileSync(
    join(folder, 'angular-cjs.cjs'),
    `const assert = require('node:assert/strict');
const { createEnvironmentInjector, runInInjectionContext } = require('@angular/core');
const { defer, lastValueFrom, throwError } = require('rxjs');
const { injectRetryOnConflict, provideRetryOnConflict, provideRetryOnConflictTesting } = require('rxjs-retry-on-conflict/angular');
assert.match(require.resolve('rxjs-retry-on-conflict/angular'), /dist[\\\\/]cjs[\\\\/]angular[\\\\/]index\\.js$/);
(async () => {
${angularExercise}
console.log('CommonJS require of rxjs-retry-on-conflict/angular: ok');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
  );
  process.stdout.write(sh(process.execPath, ['esm.mjs']));
  process.stdout.write(sh(process.execPath, ['cjs.cjs']));
  process.stdout.write(sh(process.execPath, ['angular-esm.mjs']));
  process.stdout.write(sh(process.execPath, ['angular-cjs.cjs']));

  const plan = sh('npx', ['--offline', 'rxjs-retry-on-conflict', 'plan', '--preset', 'DefaultBackoff']);
  if (!/^4 +give up: the error reaches the caller/m.test(plan)) {
    throw new Error(`unexpected output of npx rxjs-retry-on-conflict plan:\n${plan}`);
  }
  console.log('npx rxjs-retry-on-conflict plan: ok');
  console.log('consumer smoke test: passed');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
