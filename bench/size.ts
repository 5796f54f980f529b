// Child process: bytes each retry import adds to an app, all measured the same way.
// Usage: node --import tsx bench/size.ts
import { bundleSize } from '../scripts/bundle-size.mjs';
import { reply } from './support/reply.js';

export interface SizeResult {
  readonly name: string;
  readonly entry: string;
  /** Whether rxjs is left out, as it is in an app that already uses RxJS. */
  readonly rxjsExternal: boolean;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

const imports: readonly Omit<SizeResult, 'rawBytes' | 'gzipBytes'>[] = [
  {
    name: 'rxjs-retry-on-conflict retryOnConflict',
    entry: "export { retryOnConflict } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'rxjs-retry-on-conflict onError + DefaultBackoff',
    entry: "export { onError, DefaultBackoff } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'rxjs-retry-on-conflict, everything',
    entry: "export * from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'rxjs-retry-on-conflict retryWhenServerAsks',
    entry: "export { retryWhenServerAsks } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'part: retryAfterMs alone',
    entry: "export { retryAfterMs } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  // Where the bytes of retryOnConflict go: each part alone (they share the validation helpers).
  {
    name: 'part: isConflict alone',
    entry: "export { isConflict } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'part: onError alone',
    entry: "export { onError } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'part: backoffDelays alone',
    entry: "export { backoffDelays } from 'rxjs-retry-on-conflict';",
    rxjsExternal: true,
  },
  {
    name: 'backoff-rxjs retryBackoff',
    entry: "export { retryBackoff } from 'backoff-rxjs';",
    rxjsExternal: true,
  },
  {
    name: 'cockatiel retry + handleAll + ExponentialBackoff',
    entry: "export { retry, handleAll, ExponentialBackoff } from 'cockatiel';",
    rxjsExternal: true,
  },
  { name: 'p-retry', entry: "export { default } from 'p-retry';", rxjsExternal: true },
  {
    name: 'RxJS retry, with RxJS bundled (for scale)',
    entry: "export { retry } from 'rxjs';",
    rxjsExternal: false,
  },
];

const results: SizeResult[] = [];
for (const entry of imports) {
  results.push({ ...entry, ...(await bundleSize(entry.entry, entry.rxjsExternal ? {} : { external: [] })) });
}
reply(results);
