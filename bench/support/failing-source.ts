import { defer, Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** What each attempt fails with. One object, so that no row pays for building errors. */
export const conflict = Object.freeze({ status: 409 });

/**
 * A cold source that fails synchronously `failures` times, then emits how many attempts it took and
 * completes, piped through `operator`. The pipe is applied per subscription, as an app does when it
 * builds a request and its retry for each call, and the failure count starts anew each time.
 */
export function failingThenSucceeding(
  failures: number,
  operator: MonoTypeOperatorFunction<number>,
): Observable<number> {
  return defer(() => {
    let attempts = 0;
    const attempt = new Observable<number>((subscriber) => {
      attempts++;
      if (attempts <= failures) {
        subscriber.error(conflict);
      } else {
        subscriber.next(attempts);
        subscriber.complete();
      }
    });
    return attempt.pipe(operator);
  });
}
