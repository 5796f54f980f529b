import { defer, Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** What each attempt fails with. One object, so that no row pays for building errors. */
export const conflict = Object.freeze({ status: 409 });

/**
 * A cold request stand-in: each subscription is one attempt, which fails synchronously with a 409
 * until `failures` attempts have failed, then emits how many attempts it took and completes. The
 * count belongs to this observable, so each call makes a fresh one, as each call of an app makes
 * its own request.
 */
export function failingSource(failures: number): Observable<number> {
  let attempts = 0;
  return new Observable<number>((subscriber) => {
    attempts++;
    if (attempts <= failures) {
      subscriber.error(conflict);
    } else {
      subscriber.next(attempts);
      subscriber.complete();
    }
  });
}

/**
 * `failingSource(failures)` piped through `operator`, anew for each subscription, so that the
 * failure count starts over each time; the operator itself is made once, by the caller.
 */
export function failingThenSucceeding(
  failures: number,
  operator: MonoTypeOperatorFunction<number>,
): Observable<number> {
  return defer(() => failingSource(failures).pipe(operator));
}
