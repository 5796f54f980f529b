import { defer, switchMap, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  backoffDelays,
  DefaultRetry,
  retryOnConflict,
  type RetryEvent,
  type RetryOptions,
} from '../../src/index.js';

// The code under test: a read-modify-write that reads again on every attempt. It passes
// RetryOptions through, so that a test can make the jitter exact.
interface Counter {
  readonly rev: number;
  readonly count: number;
}

interface CounterApi {
  get(): Observable<Counter>;
  put(counter: Counter): Observable<Counter>;
}

function increment(api: CounterApi, options?: RetryOptions): Observable<Counter> {
  return defer(() => api.get()).pipe(
    switchMap((counter) => api.put({ ...counter, count: counter.count + 1 })),
    retryOnConflict(DefaultRetry, options),
  );
}

// The specs. Inside testScheduler.run() time is virtual: the operator's waits, scheduled on the
// default asyncScheduler, take no real time. `random` always returns 0.5, so every wait of
// DefaultRetry is exactly 10ms + 0.5 * 0.1 * 10ms = 10.5ms.
describe('increment', () => {
  const conflict = { status: 409, statusText: 'Conflict' };
  const random = (): number => 0.5;
  let testScheduler: TestScheduler;

  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('waits the schedule that backoffDelays gives for the same random numbers', () => {
    expect(backoffDelays(DefaultRetry, random)).toEqual([10.5, 10.5, 10.5, 10.5]);
  });

  it('reads and writes again 10.5ms after each conflict, until the write succeeds', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const get = cold('-a|', { a: { rev: 1, count: 41 } });
      const puts = [
        cold<Counter>('--#', undefined, conflict),
        cold<Counter>('--#', undefined, conflict),
        cold('--b|', { b: { rev: 2, count: 42 } }),
      ];
      const api: CounterApi = { get: () => get, put: () => puts.shift()! };

      // Attempts start at 0, 3 + 10.5 and 16.5 + 10.5 ms; the third write succeeds at 27 + 3 ms.
      expectObservable(increment(api, { random })).toBe('30ms b|', { b: { rev: 2, count: 42 } });
      expectSubscriptions(get.subscriptions).toBe(['^-!', '13.5ms ^-!', '27ms ^-!']);
    });
  });

  it('gives up after five attempts with the last conflict error itself', () => {
    const retries: RetryEvent[] = [];
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const get = cold('-a|', { a: { rev: 1, count: 41 } });
      const put = cold<Counter>('--#', undefined, conflict);
      const api: CounterApi = { get: () => get, put: () => put };

      const onRetry = (event: RetryEvent): void => void retries.push(event);
      expectObservable(increment(api, { random, onRetry })).toBe('57ms #', undefined, conflict);
      expectSubscriptions(put.subscriptions).toBe([
        '1ms ^-!',
        '14.5ms ^-!',
        '28ms ^-!',
        '41.5ms ^-!',
        '55ms ^-!',
      ]);
    });
    expect(retries.map(({ attempt, delay }) => [attempt, delay])).toEqual([
      [1, 10.5],
      [2, 10.5],
      [3, 10.5],
      [4, 10.5],
    ]);
  });

  it('passes any other error through at once', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const unavailable = { status: 503 };
      const api: CounterApi = {
        get: () => cold('-a|', { a: { rev: 1, count: 41 } }),
        put: () => cold<Counter>('--#', undefined, unavailable),
      };

      expectObservable(increment(api, { random })).toBe('---#', undefined, unavailable);
    });
  });
});
