import { signal } from '@angular/core';
import type { RetryOnConflictPolicy } from 'rxjs-retry-on-conflict/angular';

/** How many times a 409 has been retried since the page loaded (or the count was reset). */
export const conflictRetries = signal(0);

/** An `onRetry` hook that counts into {@link conflictRetries}. */
export const countRetry = (): void => conflictRetries.update((count) => count + 1);

/**
 * The app's policy for 20 clients incrementing one counter at once. An attempt fails only when
 * another client's increment landed between its GET and its PUT, so with 20 one-shot increments no
 * update fails more than 19 times: 20 steps never give up. A jitter of 1 (each wait anywhere from
 * d to 2d) spreads the clients that collided; `npx rxjs-retry-on-conflict plan --steps 20 --duration 5 --factor 1.2 --jitter 1`
 * shows the longest a caller can wait before the 409 reaches it (about 1.5 s).
 */
export const COUNTER_RETRY_POLICY: RetryOnConflictPolicy = {
  backoff: { steps: 20, duration: 5, factor: 1.2, jitter: 1 },
  onRetry: countRetry,
};
