import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { immediateScheduler } from './immediate-scheduler.js';
import { RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE } from './retry-on-conflict-tokens.js';

/**
 * For tests: retries happen at once, with no real wait, so that with `HttpTestingController` the
 * retried GET is pending as soon as the 409 is flushed. Everything else is as the application has
 * it: the same backoff (so the same number of attempts before the 409 reaches the subscriber), the
 * same `onRetry` calls with the same delays, only not waited. Put it in `TestBed`'s providers,
 * beside or instead of the app's {@link provideRetryOnConflict}, in either order.
 *
 * @example
 * ```ts
 * import { provideHttpClient } from '@angular/common/http';
 * import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
 * import { TestBed } from '@angular/core/testing';
 * import { provideRetryOnConflictTesting } from 'rxjs-retry-on-conflict/angular';
 *
 * TestBed.configureTestingModule({
 *   providers: [provideHttpClient(), provideHttpClientTesting(), provideRetryOnConflictTesting()],
 * });
 * const http = TestBed.inject(HttpTestingController);
 * // CounterService: the service of injectRetryOnConflict's example.
 * TestBed.inject(CounterService).increment('/counter').subscribe();
 * http.expectOne('/counter').flush({ _rev: '1-a', count: 1 });
 * http.expectOne({ method: 'PUT' }).flush(null, { status: 409, statusText: 'Conflict' });
 * http.expectOne('/counter'); // the retry's GET, already sent
 * ```
 */
export function provideRetryOnConflictTesting(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE, useValue: immediateScheduler },
  ]);
}
