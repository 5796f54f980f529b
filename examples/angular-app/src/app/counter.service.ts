import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, switchMap, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import { injectRetryOnConflict } from 'rxjs-retry-on-conflict/angular';

/** A counter as CouchDB stores it: `_rev` names the revision a write must build on. */
export interface CounterDocument {
  readonly _id: string;
  readonly _rev: string;
  readonly count: number;
}

/**
 * Counters that many clients increment at once, kept exact by optimistic concurrency: read the
 * document, write `count + 1` with the `_rev` that was read, and on 409 do it all again.
 */
@Injectable({ providedIn: 'root' })
export class CounterService {
  private readonly http = inject(HttpClient);
  // The app's policy, set once in app.config.ts with provideRetryOnConflict.
  private readonly retryOnConflict = injectRetryOnConflict<number>();

  /**
   * Adds one to the counter at `url` and emits the new count. After the policy's last attempt the
   * 409 reaches the subscriber as an `HttpErrorResponse`; any other error arrives at once, untried.
   */
  increment(url: string, retry: MonoTypeOperatorFunction<number> = this.retryOnConflict): Observable<number> {
    // The GET is inside what is retried: HttpClient's observables are cold, so each retry reads
    // the current `_rev` again. Retrying the PUT alone would resend the stale revision.
    return this.http.get<CounterDocument>(url).pipe(
      switchMap((counter) => {
        const count = counter.count + 1;
        return this.http.put(url, { ...counter, count }).pipe(map(() => count));
      }),
      retry,
    );
  }

  /** The counter's current value. */
  read(url: string): Observable<number> {
    return this.http.get<CounterDocument>(url).pipe(map((counter) => counter.count));
  }
}
