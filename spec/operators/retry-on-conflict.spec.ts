import { defer, of, switchMap, throwError } from 'rxjs';
import { marbles } from 'rxjs-marbles/jasmine';
import { DefaultRetry, retryOnConflict, type RetryEvent } from '../../src/index.js';

const conflict = { status: 409, statusText: 'Conflict' };

describe('retryOnConflict', () => {
  it(
    'should resubscribe after 10ms on a 409',
    marbles((m) => {
      const source = m.cold('-#', undefined, conflict);
      const backoff = { ...DefaultRetry, jitter: 0, steps: 2 };
      m.expect(source.pipe(retryOnConflict(backoff))).toBeObservable('12ms #', undefined, conflict);
      m.expect(source).toHaveSubscriptions(['^!', '11ms ^!']);
    }),
  );

  it(
    'should use DefaultRetry when no backoff is given: 5 attempts, waits of 10ms plus up to 10%',
    marbles((m) => {
      const source = m.cold('-#', undefined, conflict);
      const events: RetryEvent[] = [];
      // random 0.5 → each wait is 10 + 0.5 * 0.1 * 10 = 10.5ms; four waits, five attempts.
      const retried = source.pipe(
        retryOnConflict(undefined, { random: () => 0.5, onRetry: (e) => events.push(e) }),
      );
      m.expect(retried).toBeObservable('47ms #', undefined, conflict);
      m.flush();
      expect(events.map(({ attempt, delay }) => [attempt, delay])).toEqual([
        [1, 10.5],
        [2, 10.5],
        [3, 10.5],
        [4, 10.5],
      ]);
    }),
  );

  it(
    'should pass a 500 through at once',
    marbles((m) => {
      const serverError = { status: 500 };
      const source = m.cold('-#', undefined, serverError);
      m.expect(source.pipe(retryOnConflict())).toBeObservable('-#', undefined, serverError);
      m.expect(source).toHaveSubscriptions(['^!']);
    }),
  );

  it(
    'should retry a Kubernetes Status conflict',
    marbles((m) => {
      const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409 };
      const source = m.cold('-#', undefined, status);
      m.expect(source.pipe(retryOnConflict({ duration: 5, factor: 1, jitter: 0, steps: 2 }))).toBeObservable(
        '7ms #',
        undefined,
        status,
      );
    }),
  );

  it(
    'should refetch on each try when the read is inside the retried observable',
    marbles((m) => {
      let storedVersion = 1;
      const reads: number[] = [];
      const writes: number[] = [];
      const read = defer(() => {
        reads.push(storedVersion);
        return of({ version: storedVersion });
      });
      const write = (doc: { version: number }) =>
        defer(() => {
          writes.push(doc.version);
          // Someone else writes between our read and our write, the first two times.
          if (writes.length < 3) {
            storedVersion++;
            return throwError(() => conflict);
          }
          storedVersion = doc.version + 1;
          return of(storedVersion);
        });
      const saved: number[] = [];
      read
        .pipe(switchMap(write), retryOnConflict({ duration: 1, factor: 1, jitter: 0, steps: 5 }))
        .subscribe((version) => saved.push(version));
      m.flush();
      expect(reads).toEqual([1, 2, 3]);
      expect(writes).toEqual([1, 2, 3]);
      expect(saved).toEqual([4]);
    }),
  );

  it('should throw synchronously for a bad backoff', () => {
    expect(() => retryOnConflict({ ...DefaultRetry, steps: 0 })).toThrowError(
      RangeError,
      'Backoff.steps must be an integer >= 1, got 0',
    );
  });
});
