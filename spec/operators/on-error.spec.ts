import {
  concat,
  defer,
  Observable,
  of,
  Subject,
  take,
  takeUntil,
  throwError,
  VirtualAction,
  VirtualTimeScheduler,
  type SchedulerAction,
  type Subscription,
} from 'rxjs';
import { marbles } from 'rxjs-marbles/jasmine';
import {
  onError,
  type Backoff,
  type GiveUpEvent,
  type RetryEvent,
  type RetryOptions,
} from '../../src/index.js';

const always = () => true;
const steady = (steps: number, duration = 10): Backoff => ({ duration, factor: 1, jitter: 0, steps });

describe('onError', () => {
  describe('attempts and waits (Go rule 1)', () => {
    it(
      'should subscribe at most `steps` times, waiting `duration` between attempts',
      marbles((m) => {
        const failure = new Error('busy');
        const source = m.cold('     -#', undefined, failure);
        const subs = ['               ^!', '11ms ^!', '22ms ^!'];
        const expected = '      23ms #';
        m.expect(source.pipe(onError(steady(3), always))).toBeObservable(expected, undefined, failure);
        m.expect(source).toHaveSubscriptions(subs);
      }),
    );

    it(
      'should multiply the wait by `factor` after each attempt',
      marbles((m) => {
        const source = m.cold('-#');
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 4 };
        // waits: 10ms, 20ms, 40ms
        m.expect(source.pipe(onError(backoff, always))).toBeObservable('74ms #');
        m.expect(source).toHaveSubscriptions(['^!', '11ms ^!', '32ms ^!', '73ms ^!']);
      }),
    );

    it(
      'should stretch each wait by random() * jitter * duration',
      marbles((m) => {
        const source = m.cold('-#');
        const random = jasmine.createSpy('random').and.returnValues(0.5, 0.25);
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0.4, steps: 3 };
        // waits: 10 + 0.5 * 0.4 * 10 = 12ms, then 20 + 0.25 * 0.4 * 20 = 22ms
        m.expect(source.pipe(onError(backoff, always, { random }))).toBeObservable('37ms #');
        m.expect(source).toHaveSubscriptions(['^!', '13ms ^!', '36ms ^!']);
        m.flush();
        expect(random).toHaveBeenCalledTimes(2);
      }),
    );

    it(
      'should make exactly one attempt when steps is 1',
      marbles((m) => {
        const source = m.cold('--#');
        m.expect(source.pipe(onError(steady(1), always))).toBeObservable('--#');
        m.expect(source).toHaveSubscriptions(['^-!']);
      }),
    );

    it(
      'should stop retrying once an attempt succeeds, passing its values and completion through',
      marbles((m) => {
        const source = m.cold('a-#');
        const recovered = m.cold('    b-c|');
        let attempts = 0;
        const flaky = defer(() => (++attempts < 3 ? source : recovered));
        m.expect(flaky.pipe(onError(steady(5), always))).toBeObservable('a 11ms a 11ms b-c|');
        m.expect(source).toHaveSubscriptions(['^-!', '12ms ^-!']);
        m.expect(recovered).toHaveSubscriptions(['24ms ^--!']);
      }),
    );

    it(
      'should pass values of failed attempts through, as RxJS retry does',
      marbles((m) => {
        const source = m.cold('ab#');
        m.expect(source.pipe(onError(steady(2), always))).toBeObservable('ab 10ms ab#');
        m.expect(source).toHaveSubscriptions(['^-!', '12ms ^-!']);
      }),
    );
  });

  describe('the cap (Go rule 3)', () => {
    it(
      'should wait once more and then deliver the last error, without another attempt, when the cap is hit',
      marbles((m) => {
        const failure = { status: 409 };
        const source = m.cold('-#', undefined, failure);
        // 10 → 20 > 15: the duration becomes 15 and steps drop to 0, so the first 10ms wait is the last.
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        m.expect(source.pipe(onError(backoff, always))).toBeObservable('11ms #', undefined, failure);
        m.expect(source).toHaveSubscriptions(['^!']);
      }),
    );

    it(
      'should keep retrying while the duration stays within the cap',
      marbles((m) => {
        const source = m.cold('-#');
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 3, cap: 40 };
        m.expect(source.pipe(onError(backoff, always))).toBeObservable('33ms #');
        m.expect(source).toHaveSubscriptions(['^!', '11ms ^!', '32ms ^!']);
      }),
    );

    it(
      'should ignore the cap when factor is 0, as Go does',
      marbles((m) => {
        const source = m.cold('-#');
        const backoff: Backoff = { duration: 10, factor: 0, jitter: 0, steps: 3, cap: 5 };
        m.expect(source.pipe(onError(backoff, always))).toBeObservable('23ms #');
        m.expect(source).toHaveSubscriptions(['^!', '11ms ^!', '22ms ^!']);
      }),
    );
  });

  describe('errors (Go rule 4)', () => {
    it(
      'should deliver the last retriable error itself, not a wrapper, when retries run out',
      marbles((m) => {
        const errors = [new Error('first'), new Error('second'), new Error('third')];
        let attempt = 0;
        const source = defer(() => throwError(() => errors[attempt++]));
        let delivered: unknown;
        source.pipe(onError(steady(3), always)).subscribe({ error: (error: unknown) => (delivered = error) });
        m.flush();
        expect(delivered).toBe(errors[2]);
      }),
    );

    it(
      'should pass a non-retriable error through at once, with no wait',
      marbles((m) => {
        const retriable = { status: 409 };
        const fatal = { status: 500 };
        let attempt = 0;
        const first = m.cold('-#', undefined, retriable);
        const second = m.cold('  --#', undefined, fatal);
        const source = defer(() => (attempt++ === 0 ? first : second));
        const isConflict = (error: unknown) => error === retriable;
        m.expect(source.pipe(onError(steady(5), isConflict))).toBeObservable('13ms #', undefined, fatal);
        m.expect(second).toHaveSubscriptions(['11ms ^-!']);
      }),
    );

    it(
      'should ask retriable about every error, with the error itself',
      marbles((m) => {
        const failure = new Error('x');
        const retriable = jasmine.createSpy('retriable').and.returnValue(true);
        m.expect(m.cold('-#', undefined, failure).pipe(onError(steady(3), retriable))).toBeObservable(
          '23ms #',
          undefined,
          failure,
        );
        m.flush();
        expect(retriable.calls.allArgs()).toEqual([[failure], [failure], [failure]]);
      }),
    );

    it(
      'should complete when the source completes',
      marbles((m) => {
        const source = m.cold('--|');
        m.expect(source.pipe(onError(steady(3), always))).toBeObservable('--|');
        m.expect(source).toHaveSubscriptions(['^-!']);
      }),
    );
  });

  describe('subscriptions (Go rule 5)', () => {
    it(
      'should give each subscription of one operator instance the full budget',
      marbles((m) => {
        const source = m.cold('-#');
        const shared = onError(steady(3), always);
        const retried = source.pipe(shared);
        m.expect(retried).toBeObservable('23ms #');
        m.expect(concat(m.cold('5ms |'), retried)).toBeObservable('28ms #');
        m.expect(source).toHaveSubscriptions(['^!', '5ms ^!', '11ms ^!', '16ms ^!', '22ms ^!', '27ms ^!']);
      }),
    );

    it(
      'should cancel the wait, and never resubscribe, when unsubscribed while waiting',
      marbles((m) => {
        const source = m.cold('-#');
        const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
        let attempts = 0;
        const counted = defer(() => {
          attempts++;
          return source;
        });
        const subscription = counted
          .pipe(onError(steady(3), always, { scheduler }))
          .subscribe({ error: fail });
        m.flush();
        expect(scheduler.actions.length).toBe(1);
        subscription.unsubscribe();
        expect(scheduler.actions.every((action) => action.closed)).toBeTrue();
        scheduler.flush();
        expect(attempts).toBe(1);
      }),
    );

    it(
      'should unsubscribe from the source when unsubscribed during an attempt',
      marbles((m) => {
        const source = m.cold('-----#');
        m.expect(source.pipe(onError(steady(3), always)), '^ 16ms !').toBeObservable('');
        m.expect(source).toHaveSubscriptions(['^----!', '15ms ^-!']);
      }),
    );

    it('should tear the failed attempt down before the next one starts', () => {
      const log: string[] = [];
      const failLater = (attempt: number, fail: Subject<void>) =>
        new Observable<never>((subscriber) => {
          log.push(`subscribe ${attempt}`);
          const subscription = fail.subscribe(() => subscriber.error(new Error(`attempt ${attempt}`)));
          return () => {
            subscription.unsubscribe();
            log.push(`teardown ${attempt}`);
          };
        });
      const fail = new Subject<void>();
      let attempt = 0;
      defer(() => failLater(++attempt, fail))
        .pipe(onError(steady(3, 0), always))
        .subscribe({ error: () => log.push('error') });
      fail.next();
      fail.next();
      fail.next();
      expect(log).toEqual([
        'subscribe 1',
        'teardown 1',
        'subscribe 2',
        'teardown 2',
        'subscribe 3',
        'error',
        'teardown 3',
      ]);
    });

    it(
      'should resubscribe in the same frame when the wait is zero',
      marbles((m) => {
        const source = m.cold('-#');
        m.expect(source.pipe(onError(steady(3, 0), always))).toBeObservable('---#');
        m.expect(source).toHaveSubscriptions(['^!', '-^!', '--^!']);
      }),
    );

    it('should tear down a synchronous source when the subscriber unsubscribes during its subscribe', () => {
      let tornDown = false;
      const source = new Observable<number>((subscriber) => {
        subscriber.next(1);
        subscriber.next(2);
        return () => (tornDown = true);
      });
      const seen: number[] = [];
      source.pipe(onError(steady(3), always), take(1)).subscribe((value) => seen.push(value));
      expect(seen).toEqual([1]);
      expect(tornDown).toBeTrue();
    });
  });

  describe('hooks (Go rule 6 and onRetry)', () => {
    it(
      'should call onRetry before each wait with the failed attempt, the wait in ms and the error',
      marbles((m) => {
        const failure = new Error('conflict');
        const events: RetryEvent[] = [];
        const times: number[] = [];
        const source = m.cold('-#', undefined, failure);
        const onRetry = (event: RetryEvent) => {
          events.push(event);
          times.push(m.scheduler.now());
        };
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0.5, steps: 3 };
        source
          .pipe(onError(backoff, always, { onRetry, random: () => 0.5 }))
          .subscribe({ error: () => undefined });
        m.flush();
        expect(events).toEqual([
          { attempt: 1, delay: 12.5, error: failure, attemptFollows: true },
          { attempt: 2, delay: 25, error: failure, attemptFollows: true },
        ]);
        expect(times).toEqual([1, 14.5]);
      }),
    );

    it(
      'should call onRetry for the final wait that the cap rule ends with, saying no attempt follows',
      marbles((m) => {
        const onRetry = jasmine.createSpy('onRetry');
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        m.expect(m.cold('-#').pipe(onError(backoff, always, { onRetry }))).toBeObservable('11ms #');
        m.flush();
        expect(onRetry).toHaveBeenCalledOnceWith({
          attempt: 1,
          delay: 10,
          error: 'error',
          attemptFollows: false,
        });
      }),
    );

    it(
      "should tell onRetry that an attempt follows every wait but the cap rule's last",
      marbles((m) => {
        const events: RetryEvent[] = [];
        // 10 → 20 → 40 → 80 > 50: the 40ms wait is the last, with no attempt after it.
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 6, cap: 50 };
        const source = m.cold('-#');
        m.expect(
          source.pipe(onError(backoff, always, { onRetry: (event) => events.push(event) })),
        ).toBeObservable('73ms #');
        m.expect(source).toHaveSubscriptions(['^!', '11ms ^!', '32ms ^!']);
        m.flush();
        expect(events.map(({ delay, attemptFollows }) => [delay, attemptFollows])).toEqual([
          [10, true],
          [20, true],
          [40, false],
        ]);
      }),
    );

    it(
      'should deliver an error thrown by retriable, and stop retrying',
      marbles((m) => {
        const thrown = new Error('retriable broke');
        const source = m.cold('-#');
        const retriable = () => {
          throw thrown;
        };
        m.expect(source.pipe(onError(steady(3), retriable))).toBeObservable('-#', undefined, thrown);
        m.expect(source).toHaveSubscriptions(['^!']);
      }),
    );

    it(
      'should deliver an error thrown by onRetry, and stop retrying',
      marbles((m) => {
        const thrown = new Error('hook broke');
        const source = m.cold('-#');
        const onRetry = () => {
          throw thrown;
        };
        m.expect(source.pipe(onError(steady(3), always, { onRetry }))).toBeObservable(
          '-#',
          undefined,
          thrown,
        );
        m.expect(source).toHaveSubscriptions(['^!']);
      }),
    );

    it(
      'should deliver a RangeError when random returns a value outside [0, 1)',
      marbles((m) => {
        const source = m.cold('-#');
        const backoff: Backoff = { duration: 10, factor: 1, jitter: 0.1, steps: 3 };
        const result = source.pipe(onError(backoff, always, { random: () => 1.5 }));
        let delivered: unknown;
        result.subscribe({ error: (error: unknown) => (delivered = error) });
        m.flush();
        expect(delivered).toEqual(
          new RangeError('RetryOptions.random must return a number in [0, 1), got 1.5'),
        );
        m.expect(source).toHaveSubscriptions(['^!']);
      }),
    );

    it('should deliver an error thrown by the scheduler', () => {
      const thrown = new Error('no timers');
      const scheduler = new VirtualTimeScheduler();
      spyOn(scheduler, 'schedule').and.throwError(thrown);
      let delivered: unknown;
      throwError(() => new Error('x'))
        .pipe(onError(steady(3), always, { scheduler }))
        .subscribe({ error: (error: unknown) => (delivered = error) });
      expect(delivered).toBe(thrown);
    });
  });

  describe('onGiveUp', () => {
    it(
      'should be called once, when steps attempts have failed, just before the last error is delivered',
      marbles((m) => {
        const failure = { status: 409 };
        const source = m.cold('-#', undefined, failure);
        const calls: [GiveUpEvent, number][] = [];
        const onGiveUp = (event: GiveUpEvent) => calls.push([event, m.scheduler.now()]);
        m.expect(source.pipe(onError(steady(3), always, { onGiveUp }))).toBeObservable(
          '23ms #',
          undefined,
          failure,
        );
        m.flush();
        expect(calls).toEqual([[{ attempts: 3, error: failure }, 23]]);
      }),
    );

    it(
      'should be called after the final wait of the cap rule, with the attempts made',
      marbles((m) => {
        const onGiveUp = jasmine.createSpy('onGiveUp');
        // 10 → 20 > 15: one attempt, the 10ms wait, then the error.
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        const source = m.cold('-#');
        m.expect(source.pipe(onError(backoff, always, { onGiveUp }))).toBeObservable('11ms #');
        m.expect(source).toHaveSubscriptions(['^!']);
        m.flush();
        expect(onGiveUp).toHaveBeenCalledOnceWith({ attempts: 1, error: 'error' });
      }),
    );

    it(
      'should not be called for a non-retriable error, nor when an attempt succeeds',
      marbles((m) => {
        const onGiveUp = jasmine.createSpy('onGiveUp');
        const fatal = new Error('fatal');
        let attempt = 0;
        const failsThenFatal = defer(() => (++attempt < 2 ? m.cold('-#') : m.cold('-#', undefined, fatal)));
        m.expect(
          failsThenFatal.pipe(onError(steady(5), (error) => error !== fatal, { onGiveUp })),
        ).toBeObservable('12ms #', undefined, fatal);
        m.expect(m.cold('-a|').pipe(onError(steady(5), always, { onGiveUp }))).toBeObservable('-a|');
        m.flush();
        expect(onGiveUp).not.toHaveBeenCalled();
      }),
    );

    it(
      'should not be called when unsubscribed during the final wait of the cap rule',
      marbles((m) => {
        const onGiveUp = jasmine.createSpy('onGiveUp');
        const backoff: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        m.expect(m.cold('-#').pipe(onError(backoff, always, { onGiveUp })), '^ 5ms !').toBeObservable('');
        m.flush();
        expect(onGiveUp).not.toHaveBeenCalled();
      }),
    );

    it(
      'should not be called when retriable unsubscribes from the last attempt',
      marbles((m) => {
        const onGiveUp = jasmine.createSpy('onGiveUp');
        const cut = new Subject<void>();
        const retriable = () => {
          cut.next();
          return true;
        };
        m.expect(
          m.cold('-#').pipe(onError(steady(1), retriable, { onGiveUp }), takeUntil(cut)),
        ).toBeObservable('-|');
        m.flush();
        expect(onGiveUp).not.toHaveBeenCalled();
      }),
    );

    it(
      'should deliver an error thrown by onGiveUp instead of the last error',
      marbles((m) => {
        const thrown = new Error('hook broke');
        const onGiveUp = () => {
          throw thrown;
        };
        const capped: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 };
        m.expect(m.cold('-#').pipe(onError(steady(2), always, { onGiveUp }))).toBeObservable(
          '12ms #',
          undefined,
          thrown,
        );
        m.expect(m.cold('-#').pipe(onError(capped, always, { onGiveUp }))).toBeObservable(
          '11ms #',
          undefined,
          thrown,
        );
      }),
    );

    it(
      'should count retries and give-ups for metrics, as the RetryOptions example does',
      marbles((m) => {
        const metrics = { retries: 0, giveUps: 0 };
        const options: RetryOptions = {
          onRetry: ({ attemptFollows }) => {
            if (attemptFollows) metrics.retries++;
          },
          onGiveUp: () => metrics.giveUps++,
        };
        const capped: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 6, cap: 50 };
        let attempt = 0;
        const succeedsThird = defer(() => (++attempt < 3 ? m.cold('-#') : m.cold('-a|')));
        m.expect(m.cold('-#').pipe(onError(capped, always, options))).toBeObservable('73ms #');
        m.expect(succeedsThird.pipe(onError(steady(5), always, options))).toBeObservable('23ms a|');
        m.flush();
        // The capped run: 3 attempts, 3 waits, the last followed by no attempt; the other: 2 retries.
        expect(metrics).toEqual({ retries: 4, giveUps: 1 });
      }),
    );
  });

  describe('waits that never end early', () => {
    /**
     * A virtual clock whose timers longer than `earlyMs` fire that much before their time, as Node's
     * do by up to ~1.7 ms (they count from a clock cached at the start of the event loop's turn).
     */
    class EarlyTimers extends VirtualTimeScheduler {
      scheduledDelays: number[] = [];

      constructor(private readonly earlyMs: number) {
        super(VirtualAction, Infinity);
      }

      override schedule<T>(
        work: (this: SchedulerAction<T>, state?: T) => void,
        delay = 0,
        state?: T,
      ): Subscription {
        this.scheduledDelays.push(delay);
        return super.schedule(work, delay > this.earlyMs ? delay - this.earlyMs : delay, state);
      }
    }

    it('should start the next attempt no sooner than the wait after the failure, by the scheduler clock', () => {
      const scheduler = new EarlyTimers(1.7);
      const attemptTimes: number[] = [];
      const source = defer(() => {
        attemptTimes.push(scheduler.now());
        return throwError(() => new Error('x'));
      });
      let endedAt = Number.NaN;
      source
        .pipe(onError({ duration: 10, factor: 2, jitter: 0, steps: 3 }, always, { scheduler }))
        .subscribe({ error: () => (endedAt = scheduler.now()) });
      scheduler.flush();
      expect(attemptTimes).toEqual([0, 10, 30]);
      expect(endedAt).toBe(30);
      // Each wait: its timer, then the 1.7 ms it came early by, asked for again.
      expect(scheduler.scheduledDelays.map((ms) => Number(ms.toFixed(9)))).toEqual([10, 1.7, 20, 1.7]);
    });

    it("should wait out the rest of the cap rule's final wait before delivering the error", () => {
      const scheduler = new EarlyTimers(3);
      const onGiveUp = jasmine.createSpy('onGiveUp').and.callFake(() => expect(scheduler.now()).toBe(10));
      let endedAt = Number.NaN;
      throwError(() => new Error('x'))
        .pipe(
          onError({ duration: 10, factor: 2, jitter: 0, steps: 5, cap: 15 }, always, { scheduler, onGiveUp }),
        )
        .subscribe({ error: () => (endedAt = scheduler.now()) });
      scheduler.flush();
      expect(endedAt).toBe(10);
      expect(onGiveUp).toHaveBeenCalledTimes(1);
    });

    it('should schedule nothing more when the timer fires on time, as a virtual clock does', () => {
      const scheduler = new EarlyTimers(0);
      throwError(() => new Error('x'))
        .pipe(
          onError({ duration: 0.1, factor: 3, jitter: 0.5, steps: 6 }, always, {
            scheduler,
            random: () => 0.3,
          }),
        )
        .subscribe({ error: () => undefined });
      scheduler.flush();
      expect(scheduler.scheduledDelays.length).toBe(5);
    });
  });

  describe('stack safety (Go rule 7)', () => {
    it('should retry a synchronous failure 100,000 times with zero waits without growing the stack', () => {
      const previousLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      try {
        const failure = new Error('conflict');
        let attempts = 0;
        const depths: number[] = [];
        const source = new Observable<never>((subscriber) => {
          if (attempts++ % 10_000 === 1) depths.push(stackDepth());
          subscriber.error(failure);
        });
        let delivered: unknown;
        source
          .pipe(onError(steady(100_000, 0), always))
          .subscribe({ error: (error: unknown) => (delivered = error) });
        expect(delivered).toBe(failure);
        expect(attempts).toBe(100_000);
        expect(depths.length).toBe(10);
        expect(new Set(depths).size).toBe(1);
      } finally {
        Error.stackTraceLimit = previousLimit;
      }
    });
  });

  describe('long waits', () => {
    it('should take a wait longer than a timer can hold (2^31 - 1 ms) in pieces, arriving on time', () => {
      const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
      const threeBillionMs = 3_000_000_000;
      const attemptTimes: number[] = [];
      const source = defer(() => {
        attemptTimes.push(scheduler.now());
        return throwError(() => new Error('x'));
      });
      source
        .pipe(onError(steady(2, threeBillionMs), always, { scheduler }))
        .subscribe({ error: () => undefined });
      expect(scheduler.actions.map((action) => action.delay)).toEqual([2 ** 31 - 1]);
      scheduler.flush();
      expect(attemptTimes).toEqual([0, threeBillionMs]);
    });
  });

  describe('bad options', () => {
    it('should throw a TypeError when retriable is not a function', () => {
      expect(() => onError(steady(3), 'yes' as unknown as () => boolean)).toThrowError(
        TypeError,
        'retriable must be a function, got "yes"',
      );
    });

    const NOT_A_SCHEDULER = 'RetryOptions.scheduler must be a SchedulerLike (with schedule() and now())';

    it('should throw a TypeError for a scheduler without schedule(), naming the option', () => {
      expect(() => onError(steady(3), always, { scheduler: {} as VirtualTimeScheduler })).toThrowError(
        TypeError,
        `${NOT_A_SCHEDULER}, got an object`,
      );
    });

    it('should throw a TypeError for a scheduler without now(), whose clock the waits are measured by', () => {
      const scheduler = { schedule: () => undefined } as unknown as VirtualTimeScheduler;
      expect(() => onError(steady(3), always, { scheduler })).toThrowError(
        TypeError,
        `${NOT_A_SCHEDULER}, got an object`,
      );
    });

    it('should throw the same TypeError for a null scheduler, naming the option and the value', () => {
      expect(() =>
        onError(steady(3), always, { scheduler: null as unknown as VirtualTimeScheduler }),
      ).toThrowError(TypeError, `${NOT_A_SCHEDULER}, got null`);
    });

    it('should throw a TypeError for a random or onRetry that is not a function', () => {
      expect(() => onError(steady(3), always, { random: 0.5 as unknown as () => number })).toThrowError(
        TypeError,
        'RetryOptions.random must be a function, got 0.5',
      );
      expect(() => onError(steady(3), always, { onRetry: {} as () => void })).toThrowError(
        TypeError,
        'RetryOptions.onRetry must be a function, got an object',
      );
      expect(() => onError(steady(3), always, { onGiveUp: 'log' as unknown as () => void })).toThrowError(
        TypeError,
        'RetryOptions.onGiveUp must be a function, got "log"',
      );
    });

    it('should throw a TypeError when the options are not an object', () => {
      expect(() => onError(steady(3), always, null as unknown as object)).toThrowError(
        TypeError,
        'RetryOptions must be an object, got null',
      );
    });
  });

  it('should work with of() as a source that never fails', () => {
    const seen: string[] = [];
    of('a', 'b')
      .pipe(onError(steady(3), always))
      .subscribe({ next: (value) => seen.push(value), complete: () => seen.push('done') });
    expect(seen).toEqual(['a', 'b', 'done']);
  });
});

function stackDepth(): number {
  return (new Error().stack ?? '').split('\n').length;
}
