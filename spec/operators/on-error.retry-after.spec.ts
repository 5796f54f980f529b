import { defer, throwError } from 'rxjs';
import { marbles } from 'rxjs-marbles/jasmine';
import {
  onError,
  retryAfterMs,
  type Backoff,
  type GiveUpEvent,
  type RetryEvent,
  type RetryOptions,
} from '../../src/index.js';

const always = () => true;
const steady = (steps: number, duration = 10): Backoff => ({ duration, factor: 1, jitter: 0, steps });
/** A 429 asking for `seconds` in a Retry-After header. */
const tooManyRequests = (seconds: string) => ({ status: 429, headers: { 'retry-after': seconds } });
/** A test's own reader: the ask is the error's `askMs`, in milliseconds. */
const askOf = (error: unknown): number | undefined => (error as { askMs?: number }).askMs;

describe('onError with retryAfter (the wait the server asks for)', () => {
  describe('delta-seconds and HTTP-dates, exact in virtual time', () => {
    it(
      'should resubscribe after the Retry-After seconds when they are longer than the backoff',
      marbles((m) => {
        const failure = tooManyRequests('1');
        const source = m.cold('-#', undefined, failure);
        // waits: max(10ms, 1000ms) twice
        m.expect(source.pipe(onError(steady(3), always, { retryAfter: retryAfterMs }))).toBeObservable(
          '2003ms #',
          undefined,
          failure,
        );
        m.expect(source).toHaveSubscriptions(['^!', '1001ms ^!', '2002ms ^!']);
      }),
    );

    it(
      "should resubscribe at the HTTP-date, measured by the scheduler's clock",
      marbles((m) => {
        // The TestScheduler's clock starts at 0: the epoch, Thu, 01 Jan 1970 00:00:00 GMT.
        const failure = tooManyRequests('Thu, 01 Jan 1970 00:00:02 GMT');
        const source = m.cold('-#', undefined, failure);
        const retryAfter = jasmine.createSpy('retryAfter').and.callFake(retryAfterMs);
        // The first attempt fails at 1ms and waits 1999ms; the second fails at 2001ms, after the
        // date: no wait but the backoff's 10ms.
        m.expect(source.pipe(onError(steady(3), always, { retryAfter }))).toBeObservable(
          '2012ms #',
          undefined,
          failure,
        );
        m.expect(source).toHaveSubscriptions(['^!', '2000ms ^!', '2011ms ^!']);
        m.flush();
        expect(retryAfter.calls.allArgs()).toEqual([
          [failure, 1],
          [failure, 2001],
        ]);
      }),
    );

    it(
      "should read a Kubernetes Status's retryAfterSeconds",
      marbles((m) => {
        const failure = {
          kind: 'Status',
          code: 429,
          reason: 'TooManyRequests',
          details: { retryAfterSeconds: 2 },
        };
        const source = m.cold('-#', undefined, failure);
        m.expect(source.pipe(onError(steady(2), always, { retryAfter: retryAfterMs }))).toBeObservable(
          '2002ms #',
          undefined,
          failure,
        );
        m.expect(source).toHaveSubscriptions(['^!', '2001ms ^!']);
      }),
    );
  });

  describe('the larger of the two waits', () => {
    it(
      "should wait the backoff's wait when it is longer than the ask, and the ask when it is longer",
      marbles((m) => {
        // Backoff waits 100, 200, 400ms; the asks 150, 150, none.
        const asks = [150, 150, undefined];
        let attempt = 0;
        const source = defer(() => throwError(() => ({ askMs: asks[attempt++] })));
        const backoff: Backoff = { duration: 100, factor: 2, jitter: 0, steps: 4 };
        const events: RetryEvent[] = [];
        source
          .pipe(onError(backoff, always, { retryAfter: askOf, onRetry: (event) => events.push(event) }))
          .subscribe({ error: () => undefined });
        m.flush();
        expect(events.map(({ delay, retryAfter }) => [delay, retryAfter])).toEqual([
          [150, 150],
          [200, 150],
          [400, undefined],
        ]);
      }),
    );

    it(
      "should keep Go's schedule exactly when no error carries an ask",
      marbles((m) => {
        const source = m.cold('-#');
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 4 };
        m.expect(source.pipe(onError(backoff, always, { retryAfter: retryAfterMs }))).toBeObservable(
          '74ms #',
        );
        m.expect(source).toHaveSubscriptions(['^!', '11ms ^!', '32ms ^!', '73ms ^!']);
      }),
    );

    it(
      'should use the jitter as Go does, drawing one random number per wait whatever the ask',
      marbles((m) => {
        const random = jasmine.createSpy('random').and.returnValues(0.5, 0.5);
        const failure = { askMs: 15 };
        const source = m.cold('-#', undefined, failure);
        // Backoff waits 10 + 0.5 * 0.4 * 10 = 12ms, then 20 + 4 = 24ms; asks 15ms: waits 15, 24.
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0.4, steps: 3 };
        m.expect(source.pipe(onError(backoff, always, { random, retryAfter: askOf }))).toBeObservable(
          '42ms #',
          undefined,
          failure,
        );
        m.expect(source).toHaveSubscriptions(['^!', '16ms ^!', '41ms ^!']);
        m.flush();
        expect(random).toHaveBeenCalledTimes(2);
      }),
    );

    it(
      'should take a zero ask as no longer than the backoff, and a zero wait in the same tick',
      marbles((m) => {
        const source = m.cold('-#', undefined, tooManyRequests('0'));
        const zero: Backoff = { duration: 0, factor: 1, jitter: 0, steps: 3 };
        m.expect(source.pipe(onError(zero, always, { retryAfter: retryAfterMs }))).toBeObservable(
          '---#',
          undefined,
          tooManyRequests('0'),
        );
        m.expect(source).toHaveSubscriptions(['^!', '-^!', '--^!']);
      }),
    );
  });

  describe('steps', () => {
    it(
      'should count every attempt against steps, the ones the server set the wait of included',
      marbles((m) => {
        const failure = tooManyRequests('1');
        const source = m.cold('-#', undefined, failure);
        const giveUps: GiveUpEvent[] = [];
        m.expect(
          source.pipe(
            onError(steady(2), always, { retryAfter: retryAfterMs, onGiveUp: (e) => giveUps.push(e) }),
          ),
        ).toBeObservable('1002ms #', undefined, failure);
        m.expect(source).toHaveSubscriptions(['^!', '1001ms ^!']);
        m.flush();
        expect(giveUps).toEqual([{ attempts: 2, error: failure }]);
      }),
    );

    it(
      "should wait the larger of the two waits before Go's cap rule gives up",
      marbles((m) => {
        const failure = { askMs: 100 };
        const source = m.cold('-#', undefined, failure);
        // 10 → 20 > 15: the first wait is the last, and it is the ask's 100ms.
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        const events: RetryEvent[] = [];
        m.expect(
          source.pipe(onError(backoff, always, { retryAfter: askOf, onRetry: (e) => events.push(e) })),
        ).toBeObservable('101ms #', undefined, failure);
        m.expect(source).toHaveSubscriptions(['^!']);
        m.flush();
        expect(events).toEqual([
          { attempt: 1, delay: 100, error: failure, attemptFollows: false, retryAfter: 100 },
        ]);
      }),
    );
  });

  describe('the bound (maxRetryAfter)', () => {
    it(
      'should give up at once on an ask over the default bound of a minute, telling onGiveUp the ask and not calling onRetry',
      marbles((m) => {
        const failure = tooManyRequests('61');
        const source = m.cold('-#', undefined, failure);
        const onRetry = jasmine.createSpy('onRetry');
        const giveUps: GiveUpEvent[] = [];
        m.expect(
          source.pipe(
            onError(steady(5), always, {
              retryAfter: retryAfterMs,
              onRetry,
              onGiveUp: (e) => giveUps.push(e),
            }),
          ),
        ).toBeObservable('-#', undefined, failure);
        m.expect(source).toHaveSubscriptions(['^!']);
        m.flush();
        expect(onRetry).not.toHaveBeenCalled();
        expect(giveUps).toEqual([{ attempts: 1, error: failure, retryAfter: 61_000 }]);
      }),
    );

    it(
      'should wait an ask equal to the bound',
      marbles((m) => {
        const failure = tooManyRequests('60');
        const source = m.cold('-#', undefined, failure);
        m.expect(source.pipe(onError(steady(2), always, { retryAfter: retryAfterMs }))).toBeObservable(
          '60002ms #',
          undefined,
          failure,
        );
        m.expect(source).toHaveSubscriptions(['^!', '60001ms ^!']);
      }),
    );

    it(
      'should take a bound of its own, and give up past it after the retries before',
      marbles((m) => {
        const asks = [100, 250];
        let attempt = 0;
        const errors = asks.map((askMs) => ({ askMs }));
        const source = m.cold('-#').pipe(
          // Each attempt fails with its own error, asking for its own wait.
          (failing) => defer(() => failing.pipe(() => throwError(() => errors[attempt++]))),
        );
        let delivered: unknown;
        source
          .pipe(onError(steady(5), always, { retryAfter: askOf, maxRetryAfter: 200 }))
          .subscribe({ error: (error: unknown) => (delivered = error) });
        m.flush();
        expect(attempt).toBe(2);
        expect(delivered).toBe(errors[1]);
      }),
    );

    it(
      'should wait any ask under a bound of Infinity, in pieces a timer can hold',
      marbles((m) => {
        const failure = { askMs: 2 ** 31 + 10 };
        const source = m.cold('-#', undefined, failure);
        m.expect(
          source.pipe(onError(steady(2), always, { retryAfter: askOf, maxRetryAfter: Infinity })),
        ).toBeObservable(`${2 ** 31 + 12}ms #`, undefined, failure);
      }),
    );

    it(
      'should give up at once with a bound of 0 on any ask above 0',
      marbles((m) => {
        const failure = { askMs: 1 };
        const source = m.cold('-#', undefined, failure);
        m.expect(
          source.pipe(onError(steady(3), always, { retryAfter: askOf, maxRetryAfter: 0 })),
        ).toBeObservable('-#', undefined, failure);
      }),
    );
  });

  describe('the retry event', () => {
    it(
      'should carry the ask when the error had one, and leave the field out when it had none',
      marbles((m) => {
        const asking = tooManyRequests('1');
        const silent = { status: 503 };
        let attempt = 0;
        const source = defer(() => throwError(() => (attempt++ === 0 ? asking : silent)));
        const events: RetryEvent[] = [];
        source
          .pipe(onError(steady(3), always, { retryAfter: retryAfterMs, onRetry: (e) => events.push(e) }))
          .subscribe({ error: () => undefined });
        m.flush();
        expect(events).toEqual([
          { attempt: 1, delay: 1000, error: asking, attemptFollows: true, retryAfter: 1000 },
          { attempt: 2, delay: 10, error: silent, attemptFollows: true },
        ]);
        expect('retryAfter' in events[1]!).toBeFalse();
      }),
    );
  });

  describe("a reader of one's own", () => {
    it(
      'should take a result that is not a number >= 0 as no ask',
      marbles((m) => {
        for (const askMs of [NaN, -1, -Infinity, '1000' as unknown as number]) {
          const source = m.cold('-#', undefined, { askMs });
          m.expect(source.pipe(onError(steady(2), always, { retryAfter: askOf }))).toBeObservable(
            '12ms #',
            undefined,
            {
              askMs,
            },
          );
        }
      }),
    );

    it(
      'should deliver what the reader throws, and stop retrying',
      marbles((m) => {
        const thrown = new Error('reader');
        const source = m.cold('-#');
        const retryAfter = () => {
          throw thrown;
        };
        m.expect(source.pipe(onError(steady(3), always, { retryAfter }))).toBeObservable(
          '-#',
          undefined,
          thrown,
        );
      }),
    );

    it(
      'should not read the ask of an error that is not retriable, nor of the last attempt',
      marbles((m) => {
        const retryAfter = jasmine.createSpy('retryAfter').and.returnValue(1);
        m.expect(m.cold('-#').pipe(onError(steady(3), () => false, { retryAfter }))).toBeObservable('-#');
        m.expect(m.cold('-#').pipe(onError(steady(1), always, { retryAfter }))).toBeObservable('-#');
        m.flush();
        expect(retryAfter).not.toHaveBeenCalled();
      }),
    );
  });

  describe('options checked when the operator is made', () => {
    it('should refuse a retryAfter that is not a function', () => {
      expect(() => onError(steady(3), always, { retryAfter: 5 as unknown as () => number })).toThrowError(
        TypeError,
        'RetryOptions.retryAfter must be a function, got 5',
      );
    });

    it('should refuse a maxRetryAfter that is not a number >= 0', () => {
      expect(() => onError(steady(3), always, { maxRetryAfter: '60' as unknown as number })).toThrowError(
        TypeError,
        'RetryOptions.maxRetryAfter must be a number >= 0 (Infinity: no bound), got "60"',
      );
      for (const [value, shown] of [
        [-1, '-1'],
        [NaN, 'NaN'],
        [-Infinity, '-Infinity'],
      ] as const) {
        expect(() => onError(steady(3), always, { maxRetryAfter: value })).toThrowError(
          RangeError,
          `RetryOptions.maxRetryAfter must be a number >= 0 (Infinity: no bound), got ${shown}`,
        );
      }
    });

    it('should accept retryAfter and maxRetryAfter left undefined', () => {
      // As a JavaScript caller may write it, or a spread of options that lack them.
      const options = { retryAfter: undefined, maxRetryAfter: undefined } as unknown as RetryOptions;
      expect(() => onError(steady(3), always, options)).not.toThrow();
    });
  });
});
