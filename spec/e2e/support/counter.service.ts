import { HttpClient } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { map, switchMap, type Observable } from 'rxjs';
import { DefaultRetry, retryOnConflict, type Backoff, type RetryOptions } from 'rxjs-retry-on-conflict';
import type { CounterDocument } from '../../../dev-support/servers/couch-server.js';

/**
 * The database the counters live in, without a trailing slash.
 *
 * @example
 * ```ts
 * providers: [{ provide: COUNTER_DATABASE_URL, useValue: 'http://127.0.0.1:5984/counters' }];
 * ```
 */
export const COUNTER_DATABASE_URL = new InjectionToken<string>('COUNTER_DATABASE_URL');

/**
 * How {@link CounterService} retries a lost race.
 *
 * @example
 * ```ts
 * const busyCounter: CounterRetryPolicy = {
 *   backoff: { duration: 25, factor: 1.2, jitter: 1, steps: 40 },
 *   options: { onRetry: ({ attempt, delay }) => console.warn(`conflict #${attempt}, next try in ${delay}ms`) },
 * };
 * ```
 */
export interface CounterRetryPolicy {
  /** The waits between attempts and how many there are. */
  readonly backoff: Backoff;
  /** Scheduler, jitter source and retry hook, passed to `retryOnConflict`. */
  readonly options?: RetryOptions;
}

/**
 * The {@link CounterRetryPolicy} of {@link CounterService}. Default: client-go's `DefaultRetry`
 * (5 attempts, about 10ms apart), enough for a few clients; give a busy counter more.
 *
 * @example
 * ```ts
 * providers: [{ provide: COUNTER_RETRY_POLICY, useValue: busyCounter }];
 * ```
 */
export const COUNTER_RETRY_POLICY = new InjectionToken<CounterRetryPolicy>('COUNTER_RETRY_POLICY', {
  providedIn: 'root',
  factory: () => ({ backoff: DefaultRetry }),
});

/**
 * Counters that many clients increment at once, kept exact by optimistic concurrency: each
 * increment reads the counter, writes `count + 1` with the `_rev` it read, and when the server
 * answers 409 (someone wrote in between) does it all again, read included.
 *
 * @example
 * ```ts
 * bootstrapApplication(AppComponent, {
 *   providers: [
 *     provideHttpClient(withFetch()),
 *     { provide: COUNTER_DATABASE_URL, useValue: 'https://couch.example.com/counters' },
 *   ],
 * });
 *
 * // in a component
 * inject(CounterService).increment('page-views').subscribe((count) => (this.views = count));
 * ```
 */
@Injectable({ providedIn: 'root' })
export class CounterService {
  private readonly http = inject(HttpClient);
  private readonly databaseUrl = inject(COUNTER_DATABASE_URL);
  private readonly retryPolicy = inject(COUNTER_RETRY_POLICY);

  /**
   * Adds one to the counter and emits its new value. A 409 after the last attempt reaches the
   * subscriber as Angular's `HttpErrorResponse`; so does any other error, at once.
   */
  increment(counterId: string): Observable<number> {
    const url = this.documentUrl(counterId);
    // The GET is part of what is retried: HttpClient's observables are cold, so a retry resubscribes
    // here and reads the current `_rev`. Retrying only the PUT would resend the same stale revision.
    return this.http.get<CounterDocument>(url).pipe(
      switchMap((counter) => {
        const count = counter.count + 1;
        return this.http.put<unknown>(url, { ...counter, count }).pipe(map(() => count));
      }),
      retryOnConflict(this.retryPolicy.backoff, this.retryPolicy.options),
    );
  }

  /** The counter's current value. */
  read(counterId: string): Observable<number> {
    return this.http.get<CounterDocument>(this.documentUrl(counterId)).pipe(map((counter) => counter.count));
  }

  private documentUrl(counterId: string): string {
    return `${this.databaseUrl}/${encodeURIComponent(counterId)}`;
  }
}
