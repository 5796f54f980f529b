// Fails when an import of this package adds more bytes to an app than its budget allows.
// Measures the built package (run `npm run build` first), minified by esbuild, rxjs left out, gzipped.
// Writes what it measured into docs/performance.md (the `size:budgets` block), so that the page's
// figures are this command's; with `--check` it writes nothing and fails when the page says
// otherwise (CI runs that).
import { existsSync, readFileSync } from 'node:fs';
import { bundleSize } from './bundle-size.mjs';
import { markedBlock, normalizeBlock, writeMarkedBlocks } from './marked-blocks.mjs';

/**
 * Budgets in gzip bytes. They sit just above today's sizes so that growth is a decision, not an
 * accident: raise one only in the commit that explains what the bytes buy. `retryOnConflict` was
 * 1,697 B; a backoff that would overflow refused at creation (~160 B), every missing field named
 * with the peer-config hint (~120 B), getter errors that name the field (~70 B), `onGiveUp`,
 * `attemptFollows`, waits that never end early, and creation checks written straight-line for
 * speed (~110 B) bring it to ~2.13 KB. Splitting the operator's option checks, never-early wait and
 * jitter check into modules of their own (one backoff core, no import cycle) cost 48 B (everything
 * 53 B, angular 43 B): each budget is raised by exactly that. `everything` adds `planBackoff`, whose
 * times print long totals in minutes to years beside the milliseconds (~150 B more); `angular` is
 * the whole Angular entry with the operator.
 */
const budgets = [
  {
    name: 'retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 2198,
  },
  { name: 'everything', entry: "export * from 'rxjs-retry-on-conflict';", maxGzipBytes: 3303 },
  {
    // The whole Angular entry, the operator included; @angular/core is the app's, like rxjs.
    name: 'angular',
    entry: "export * from 'rxjs-retry-on-conflict/angular';",
    external: ['rxjs', 'rxjs/*', '@angular/core'],
    maxGzipBytes: 2563,
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
process.exit(failed ? 1 : 0);

/** `2129` as `2,129 B`. */
function bytes(n) {
  return `${n.toLocaleString('en-US')} B`;
}
