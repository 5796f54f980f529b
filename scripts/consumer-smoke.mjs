// Consumer smoke test: installs a tarball of the package into a new project in a temporary folder,
// the way a user would, and uses it there: `import` (ESM), `require` (CommonJS) and the
// `rxjs-retry-on-conflict plan` command through npx, and the `rxjs-retry-on-conflict/angular` entry
// in an Angular injector. Offline: the package comes from its tarball and rxjs, tslib and
// @angular/core from tarballs packed from a node_modules folder.
//
// `npm run smoke:consumer` packs the tarball from a fresh clone of the committed HEAD (`npm ci`,
// then `npm pack`, whose `prepack` builds): the package as `npm publish` would make it, nothing of
// this working tree's dist/. scripts/release-rehearsal.mjs calls consumerSmoke() with its tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshClone, packClone } from './fresh-clone.mjs';
import { packTarball } from './pack-tarball.mjs';

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

/**
 * Installs `tarball` in a new project, with rxjs, tslib and @angular/core packed from
 * `nodeModules`, and runs the checks above and the bin.
 */
export function consumerSmoke(tarball, nodeModules = 'node_modules') {
  const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-consumer-'));
  const sh = (command, args, options = {}) =>
    execFileSync(command, args, {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      ...options,
    });
  try {
    const rxjsTarball = packTarball(folder, resolve(nodeModules, 'rxjs'));
    const tslibTarball = packTarball(folder, resolve(nodeModules, 'tslib'));
    const angularCoreTarball = packTarball(folder, resolve(nodeModules, '@angular/core'));
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
    // npm links the command as a file that runs on its own, without `node` in front.
    const bin = join(folder, 'node_modules', '.bin', 'rxjs-retry-on-conflict');
    if ((statSync(bin).mode & 0o111) === 0) throw new Error(`${bin} is not executable`);
    const version = sh(bin, ['--version']).trim();
    const installed = JSON.parse(
      readFileSync(join(folder, 'node_modules', 'rxjs-retry-on-conflict', 'package.json'), 'utf8'),
    );
    if (version !== installed.version) {
      throw new Error(
        `node_modules/.bin/rxjs-retry-on-conflict --version printed ${JSON.stringify(version)}`,
      );
    }
    console.log(`node_modules/.bin/rxjs-retry-on-conflict --version: ${version}, ok`);
    console.log('consumer smoke test: passed');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-clone-'));
  try {
    const clone = freshClone(folder);
    const { tarball, files } = packClone(clone, folder);
    console.log(`packed ${files.length} files from the fresh clone`);
    consumerSmoke(tarball, join(clone, 'node_modules'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
