import { defer, throwError } from 'rxjs';
import { marbles } from 'rxjs-marbles/jasmine';
import {
  retryOnConflict,
  retryWhenServerAsks,
  type Backoff,
  type GiveUpEvent,
  type RetryEvent,
} from '../../src/index.js';

/** An error response with a status and, if given, a Retry-After header. */
const answer = (status: number, retryAfter?: string) => ({
  status,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
});

describe('retryWhenServerAsks', () => {
  describe("client-go's REST client rule, by default", () => {
    it(
      'should retry a 429 with Retry-After after the seconds it asks, as often as it is asked, 11 attempts in all',
      marbles((m) => {
        const failure = answer(429, '1');
        const source = m.cold('-#', undefined, failure);
        const giveUps: GiveUpEvent[] = [];
        const subs = Array.from({ length: 11 }, (_, attempt) => `${attempt * 1001}ms ^!`);
        m.expect(
          source.pipe(retryWhenServerAsks(undefined, { onGiveUp: (e) => giveUps.push(e) })),
        ).toBeObservable(`${10 * 1001 + 1}ms #`, undefined, failure);
        m.expect(source).toHaveSubscriptions(subs);
        m.flush();
        expect(giveUps).toEqual([{ attempts: 11, error: failure }]);
      }),
    );

    it(
      'should retry a 503 with Retry-After, and stop retrying once an attempt succeeds',
      marbles((m) => {
        const failing = m.cold('-#', undefined, answer(503, '2'));
        const recovered = m.cold('      a|');
        let attempts = 0;
        const source = defer(() => (attempts++ === 0 ? failing : recovered));
        m.expect(source.pipe(retryWhenServerAsks())).toBeObservable('2001ms a|');
        m.expect(recovered).toHaveSubscriptions(['2001ms ^!']);
      }),
    );

    it(
      'should pass a 429 or 5xx without an ask through at once: the server has not said to repeat it',
      marbles((m) => {
        for (const failure of [answer(429), answer(500), answer(503)]) {
          const source = m.cold('-#', undefined, failure);
          m.expect(source.pipe(retryWhenServerAsks())).toBeObservable('-#', undefined, failure);
          m.expect(source).toHaveSubscriptions(['^!']);
        }
      }),
    );

    it(
      'should pass any other status through at once, even with Retry-After',
      marbles((m) => {
        for (const failure of [answer(409, '1'), answer(404, '1'), answer(301, '1')]) {
          const source = m.cold('-#', undefined, failure);
          m.expect(source.pipe(retryWhenServerAsks())).toBeObservable('-#', undefined, failure);
        }
      }),
    );

    it(
      'should deliver an ask over a minute at once',
      marbles((m) => {
        const failure = answer(503, '120');
        m.expect(m.cold('-#', undefined, failure).pipe(retryWhenServerAsks())).toBeObservable(
          '-#',
          undefined,
          failure,
        );
      }),
    );

    it(
      'should say in each retry event that the server set the wait',
      marbles((m) => {
        const failure = answer(429, '1');
        const events: RetryEvent[] = [];
        m.cold('-#', undefined, failure)
          .pipe(
            retryWhenServerAsks(
              { steps: 2, duration: 0, factor: 1, jitter: 0 },
              { onRetry: (e) => events.push(e) },
            ),
          )
          .subscribe({ error: () => undefined });
        m.flush();
        expect(events).toEqual([
          { attempt: 1, delay: 1000, error: failure, attemptFollows: true, retryAfter: 1000 },
        ]);
      }),
    );
  });

  describe('with a backoff and options of its own', () => {
    it(
      "should wait the backoff's wait when it is longer than the ask",
      marbles((m) => {
        const failure = answer(429, '1');
        const backoff: Backoff = { steps: 3, duration: 1500, factor: 1, jitter: 0 };
        m.expect(m.cold('-#', undefined, failure).pipe(retryWhenServerAsks(backoff))).toBeObservable(
          '3003ms #',
          undefined,
          failure,
        );
      }),
    );

    it(
      'should take a bound of its own',
      marbles((m) => {
        const failure = answer(429, '2');
        m.expect(
          m.cold('-#', undefined, failure).pipe(retryWhenServerAsks(undefined, { maxRetryAfter: 1000 })),
        ).toBeObservable('-#', undefined, failure);
      }),
    );

    it(
      'should take a reader of its own in place of retryAfterMs',
      marbles((m) => {
        const failure = answer(429, '1');
        const halfAsLong = (error: unknown) =>
          (error as { headers: { 'retry-after': string } }).headers['retry-after'] === '1' ? 500 : undefined;
        m.expect(
          m
            .cold('-#', undefined, failure)
            .pipe(
              retryWhenServerAsks(
                { steps: 2, duration: 0, factor: 1, jitter: 0 },
                { retryAfter: halfAsLong },
              ),
            ),
        ).toBeObservable('502ms #', undefined, failure);
      }),
    );

    it('should refuse options that are not an object, as onError does', () => {
      expect(() => retryWhenServerAsks(undefined, 'fast' as unknown as object)).toThrowError(
        TypeError,
        'RetryOptions must be an object, got "fast"',
      );
    });
  });

  describe('in one pipe with retryOnConflict, first', () => {
    it(
      'should repeat a throttled attempt on its own, and leave a 409 to retryOnConflict, each with its own count',
      marbles((m) => {
        // Attempts: 429 (asks 1 s), 409, 429 (asks 1 s), then success.
        const outcomes = [answer(429, '1'), answer(409), answer(429, '1')];
        let attempt = 0;
        const source = defer(() => {
          const failure = outcomes[attempt++];
          return failure === undefined ? m.cold('-a|') : m.cold('-#', undefined, failure);
        });
        const conflictEvents: RetryEvent[] = [];
        const askEvents: RetryEvent[] = [];
        const conflictBackoff: Backoff = { steps: 2, duration: 10, factor: 1, jitter: 0 };
        // 1ms: 429, wait 1000 → 1002ms: 409, wait 10 → 1013ms: 429, wait 1000 → 2014ms: a.
        m.expect(
          source.pipe(
            retryWhenServerAsks(undefined, { onRetry: (e) => askEvents.push(e) }),
            retryOnConflict(conflictBackoff, { onRetry: (e) => conflictEvents.push(e) }),
          ),
        ).toBeObservable('2014ms a|');
        m.flush();
        expect(askEvents.map((e) => e.delay)).toEqual([1000, 1000]);
        expect(conflictEvents.map((e) => e.delay)).toEqual([10]);
      }),
    );
  });

  it(
    'should retry a Kubernetes TooManyRequests Status that asks in retryAfterSeconds',
    marbles((m) => {
      const failure = {
        kind: 'Status',
        code: 429,
        reason: 'TooManyRequests',
        details: { retryAfterSeconds: 1 },
      };
      const source = defer(() => throwError(() => failure));
      m.expect(
        source.pipe(retryWhenServerAsks({ steps: 2, duration: 0, factor: 1, jitter: 0 })),
      ).toBeObservable('1000ms #', undefined, failure);
    }),
  );
});
