// Fails when an import of this package adds more bytes to an app than its budget allows.
// Measures the built package (run `npm run build` first), minified by esbuild, rxjs left out, gzipped.
// Writes what it measured into docs/performance.md (the `size:budgets` block), so that the page's
// figures are this command's; with `--check` it writes nothing and fails when the page says
// otherwise (CI runs that).
import { existsSync, readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { bundleCode, bundleSize } from './bundle-size.mjs';
import { markedBlock, normalizeBlock, writeMarkedBlocks } from './marked-blocks.mjs';

/**
 * Budgets in gzip bytes. They sit just above today's sizes so that growth is a decision, not an
 * accident: raise one only in the commit that explains what the bytes buy. `retryOnConflict` was
 * 1,697 B; a backoff that would overflow refused at creation (~160 B), every missing field named
 * with the peer-config hint (~120 B), getter errors that name the field (~70 B), `onGiveUp`,
 * `attemptFollows`, waits that never end early, and creation checks written straight-line for
 * speed (~110 B) bring it to ~2.13 KB. Splitting the operator's option checks, never-early wait and
 * jitter check into modules of their own (one backoff core, no import cycle) cost 48 B (everything
 * 53 B, angular 43 B): each budget is raised by exactly that. The hook that makes each wait the
 * larger of the backoff's and the server's ask (the `retryAfter` and `maxRetryAfter` options, their
 * checks, the bound's give-up, the ask in both events) costs 152 B in `retryOnConflict` (154 B in
 * angular): raised by exactly that. `everything` adds `planBackoff`, whose times print long totals
 * in minutes to years beside the milliseconds (~150 B), the reader of the ask, its test and
 * `retryWhenServerAsks` (1,002 B); `angular` is the whole Angular entry with the operator.
 * `retryAfterMs` and `retryWhenServerAsks` have budgets of their own.
 * Input errors that carry their facts as
 * `info` cost 557 B more (everything 699 B, with the bound on listings and `isInputError`; angular
 * 558 B): the hints for a config written for another library (`count: 3 → steps: 4`) ~172 B, the
 * overflow's facts ~87 B, naming each unreadable field ~40 B, `info` on every other error and the
 * options checker's shared defaults the rest. That is over the 100 B allowed for facts, by 457 B; the budgets
 * are raised by exactly the bytes measured, so that the decision is visible here. The never-early
 * wait as a class, for the speed of the retry rows, costs 74 B more (71 B, 67 B): raised by that too.
 * With both the facts and the server's ask, the hook costs 163 B in `retryOnConflict` (2,808 B →
 * 2,971 B), 213 B in angular, and `retryWhenServerAsks` carries the facts too: each budget sits
 * just above what was measured with all of it. `DefaultRetry` checked once rather than at every
 * making of the operator (the creation row: 2.9× RxJS's `retry` without it) costs 22 B (angular 21 B,
 * `retryWhenServerAsks` 45 B).
 */
const budgets = [
  {
    name: 'retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 3014,
  },
  {
    name: 'retryAfterMs',
    entry: "export { retryAfterMs } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 930,
  },
  {
    name: 'retryWhenServerAsks',
    entry: "export { retryWhenServerAsks } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 3508,
  },
  { name: 'everything', entry: "export * from 'rxjs-retry-on-conflict';", maxGzipBytes: 5106 },
  {
    // The whole Angular entry, the operator included; @angular/core is the app's, like rxjs.
    name: 'angular',
    entry: "export * from 'rxjs-retry-on-conflict/angular';",
    external: ['rxjs', 'rxjs/*', '@angular/core'],
    maxGzipBytes: 3422,
  },
];

/**
 * What an app that imports only `retryOnConflict` must not ship: text found only in the reader of
 * the server's ask (`retryAfterMs`: the header's name, the HTTP-date check) and in
 * `retryWhenServerAsks`'s test (`asksForRetry`'s 5xx range): proof that they tree-shake away.
 */
const absent = [
  {
    name: 'retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    marks: ['retry-after', 'toUTCString', '<=599'],
  },
];

if (!existsSync('dist/esm/index.js')) {
  console.error('check-size: dist/esm/index.js is missing; run `npm run build` first');
  process.exit(2);
}

let failed = false;
const rows = [];
for (const { name, entry, external, maxGzipBytes } of budgets) {
  const { rawBytes, gzipBytes } = await bundleSize(entry, external ? { external } : undefined);
  const verdict = gzipBytes <= maxGzipBytes ? 'ok' : 'OVER BUDGET';
  failed ||= gzipBytes > maxGzipBytes;
  console.log(
    `size ${name}: ${gzipBytes} B gzip (${rawBytes} B minified), budget ${maxGzipBytes} B: ${verdict}`,
  );
  rows.push(
    `| \`${entry}\` | ${bytes(rawBytes)} | ${bytes(gzipBytes)} | ${bytes(maxGzipBytes)} | ${verdict} |`,
  );
}

const doc = 'docs/performance.md';
const table = [
  '| import | minified | gzip | budget (gzip) | |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');
const written = markedBlock(readFileSync(doc, 'utf8'), 'size:budgets') ?? '';
const writtenTable = written.slice(written.indexOf('|'));
if (normalizeBlock(writtenTable) !== normalizeBlock(table)) {
  if (process.argv.includes('--check')) {
    console.error(`check-size: ${doc} does not show these sizes: run \`npm run size\` and commit ${doc}`);
    failed = true;
  } else {
    const esbuild = JSON.parse(readFileSync('node_modules/esbuild/package.json', 'utf8')).version;
    const date = new Date().toISOString().slice(0, 10);
    const source = `Written by \`npm run size\` on ${date} (esbuild ${esbuild}, gzip level 9; the bytes depend on the code and esbuild, not on the machine):`;
    await writeMarkedBlocks(doc, { 'size:budgets': `${source}\n\n${table}` });
    console.log(`check-size: wrote the sizes into ${doc}`);
  }
}
for (const { name, entry, marks } of absent) {
  const code = new TextDecoder().decode(await bundleCode(entry));
  const found = marks.filter((mark) => code.includes(mark));
  failed ||= found.length > 0;
  console.log(
    `tree-shaking ${name}: ${found.length === 0 ? "ok, no reader of the server's ask" : `SHIPS ${found.join(', ')}`}`,
  );
}
process.exit(failed ? 1 : 0);

/** `2129` as `2,129 B`. */
function bytes(n) {
  return `${n.toLocaleString('en-US')} B`;
}
