export { injectRetryOnConflict } from './inject-retry-on-conflict.js';
export { provideRetryOnConflict } from './provide-retry-on-conflict.js';
export { provideRetryOnConflictTesting } from './provide-retry-on-conflict-testing.js';
export type { RetryOnConflictPolicy } from './retry-policy.js';
