// The library as an app gets it: the built package, imported by its name (`npm run bench` builds
// it first). Its types come from the sources, so that the bench type-checks and lints before a build.
import type * as Library from '../../src/index.js';

export type { Backoff } from '../../src/index.js';

const packageName: string = 'rxjs-retry-on-conflict';
const library = (await import(packageName)) as typeof Library;

export const { backoffDelays, DefaultBackoff, DefaultRetry, onError, retryOnConflict } = library;
