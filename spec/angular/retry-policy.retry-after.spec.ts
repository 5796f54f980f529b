// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { runInInjectionContext } from '@angular/core';
import { defer, of, throwError, VirtualTimeScheduler } from 'rxjs';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import { provideRetryOnConflict } from '../../src/angular/provide-retry-on-conflict.js';
import { retryAfterMs, type RetryEvent } from '../../src/index.js';

describe('RetryOnConflictPolicy with retryAfter', () => {
  it("should wait the larger of the policy backoff's wait and the 409's Retry-After", () => {
    const scheduler = new VirtualTimeScheduler();
    const events: RetryEvent[] = [];
    const injector = createHttpEnvironment([
      provideRetryOnConflict({
        backoff: { duration: 10, factor: 1, jitter: 0, steps: 3 },
        scheduler,
        retryAfter: retryAfterMs,
        onRetry: (event) => events.push(event),
      }),
    ]);
    try {
      const retry = runInInjectionContext(injector, () => injectRetryOnConflict<string>());
      let attempts = 0;
      const conflict = { status: 409, headers: { 'retry-after': '2' } };
      const save$ = defer(() => (++attempts < 3 ? throwError(() => conflict) : of('saved')));
      let saved: string | undefined;
      save$.pipe(retry).subscribe((value) => (saved = value));
      scheduler.flush();

      expect(saved).toBe('saved');
      expect(events.map(({ delay, retryAfter }) => [delay, retryAfter])).toEqual([
        [2000, 2000],
        [2000, 2000],
      ]);
      expect(scheduler.now()).toBe(4000);
    } finally {
      injector.destroy();
    }
  });

  it('should refuse a policy whose maxRetryAfter is negative, as retryOnConflict does', () => {
    expect(() => provideRetryOnConflict({ maxRetryAfter: -1 })).toThrowError(
      RangeError,
      'RetryOptions.maxRetryAfter must be a number >= 0 (Infinity: no bound), got -1',
    );
  });
});
