// Fails when an import of this package adds more bytes to an app than its budget allows.
// Measures the built package (run `npm run build` first), minified by esbuild, rxjs left out, gzipped.
import { existsSync } from 'node:fs';
import { bundleSize } from './bundle-size.mjs';

/**
 * Budgets in gzip bytes. They sit just above today's sizes so that growth is a decision, not an
 * accident: raise one only in the commit that explains what the bytes buy. `retryOnConflict` was
 * 1,697 B; a backoff that would overflow refused at creation (~160 B), every missing field named
 * with the peer-config hint (~120 B), getter errors that name the field (~70 B), `onGiveUp`,
 * `attemptFollows`, waits that never end early, and creation checks written straight-line for
 * speed (~110 B) bring it to ~2.13 KB. Splitting the operator's option checks, never-early wait and
 * jitter check into modules of their own (one backoff core, no import cycle) cost 48 B (everything
 * 53 B, angular 43 B): each budget is raised by exactly that. Input errors that carry their facts as
 * `info` cost 557 B more (everything 699 B, with the bound on listings and `isInputError`; angular
 * 558 B): the hints for a config written for another library (`count: 3 → steps: 4`) ~172 B, the
 * overflow's facts ~87 B, naming each unreadable field ~40 B, `info` on every other error and the
 * options checker's shared defaults the rest. That is over the 100 B allowed for facts, by 457 B; the budgets
 * are raised by exactly the bytes measured, so that the decision is visible here. The never-early
 * wait as a class, for the speed of the retry rows, costs 74 B more (71 B, 67 B): raised by that too. `everything` adds `planBackoff`;
 * `angular` is the whole Angular entry with the operator.
 */
const budgets = [
  {
    name: 'retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 2829,
  },
  { name: 'everything', entry: "export * from 'rxjs-retry-on-conflict';", maxGzipBytes: 3923 },
  {
    // The whole Angular entry, the operator included; @angular/core is the app's, like rxjs.
    name: 'angular',
    entry: "export * from 'rxjs-retry-on-conflict/angular';",
    external: ['rxjs', 'rxjs/*', '@angular/core'],
    maxGzipBytes: 3188,
  },
];

if (!existsSync('dist/esm/index.js')) {
  console.error('check-size: dist/esm/index.js is missing; run `npm run build` first');
  process.exit(2);
}

let failed = false;
for (const { name, entry, external, maxGzipBytes } of budgets) {
  const { rawBytes, gzipBytes } = await bundleSize(entry, external ? { external } : undefined);
  const verdict = gzipBytes <= maxGzipBytes ? 'ok' : 'OVER BUDGET';
  failed ||= gzipBytes > maxGzipBytes;
  console.log(
    `size ${name}: ${gzipBytes} B gzip (${rawBytes} B minified), budget ${maxGzipBytes} B: ${verdict}`,
  );
}
process.exit(failed ? 1 : 0);
