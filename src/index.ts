export { DefaultBackoff, DefaultRetry, type Backoff } from './backoff/backoff.js';
export { backoffDelays } from './backoff/backoff-delays.js';
export { isConflict } from './conflict/is-conflict.js';
export { onError, type GiveUpEvent, type RetryEvent, type RetryOptions } from './operators/on-error.js';
export { retryOnConflict } from './operators/retry-on-conflict.js';
