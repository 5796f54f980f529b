// Fails when an import of this package adds more bytes to an app than its budget allows.
// Measures the built package (run `npm run build` first), minified by esbuild, rxjs left out, gzipped.
import { existsSync } from 'node:fs';
import { bundleSize } from './bundle-size.mjs';

/**
 * Budgets in gzip bytes. They sit just above today's sizes so that growth is a decision, not an
 * accident: raise one only in the commit that explains what the bytes buy. `retryOnConflict` is
 * never to pass 1,750 B; docs/performance.md says where it stands.
 */
const budgets = [
  {
    name: 'retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    maxGzipBytes: 1750,
  },
  { name: 'everything', entry: "export * from 'rxjs-retry-on-conflict';", maxGzipBytes: 2700 },
];

if (!existsSync('dist/esm/index.js')) {
  console.error('check-size: dist/esm/index.js is missing; run `npm run build` first');
  process.exit(2);
}

let failed = false;
for (const { name, entry, maxGzipBytes } of budgets) {
  const { rawBytes, gzipBytes } = await bundleSize(entry);
  const verdict = gzipBytes <= maxGzipBytes ? 'ok' : 'OVER BUDGET';
  failed ||= gzipBytes > maxGzipBytes;
  console.log(
    `size ${name}: ${gzipBytes} B gzip (${rawBytes} B minified), budget ${maxGzipBytes} B: ${verdict}`,
  );
}
process.exit(failed ? 1 : 0);
