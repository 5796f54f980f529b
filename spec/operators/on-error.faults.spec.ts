import {
  defer,
  from,
  Observable,
  Subject,
  take,
  takeUntil,
  VirtualTimeScheduler,
  type SchedulerAction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { backoffDelays, onError, type Backoff } from '../../src/index.js';
import { Recorder } from '../support/recorder.js';
import { expectNoRxjsReports } from '../support/rxjs-reports.js';
import {
  AttemptError,
  isRetriableAttemptError,
  ScriptedSource,
  type AttemptScript,
} from '../support/scripted-source.js';

const fourAttempts: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 4 };
const failsAfter = (after: number): AttemptScript[] => [{ emits: 1, after, then: 'retriable error' }];

describe('onError under fault injection', () => {
  expectNoRxjsReports();
  let scheduler: VirtualTimeScheduler;
  let recorder: Recorder;

  beforeEach(() => {
    scheduler = new VirtualTimeScheduler();
    recorder = new Recorder(scheduler);
  });

  /** The checks every fault ends with: nothing scheduled, nothing open, at most one end. */
  function expectCleanEnd(source: { readonly open: number }): void {
    expect(scheduler.actions.length).withContext('timers left scheduled').toBe(0);
    expect(source.open).withContext('source subscriptions left open').toBe(0);
    expect(recorder.notifications.filter((notification) => notification.kind !== 'N').length)
      .withContext('terminal notifications')
      .toBeLessThanOrEqual(1);
  }

  describe('a source that throws inside its subscribe function', () => {
    /** A source whose subscribe function throws a new error each time, counting its subscriptions. */
    function throwingSource(retriable: boolean) {
      const thrown: AttemptError[] = [];
      const source = {
        open: 0,
        subscriptions: 0,
        observable: new Observable<number>(() => {
          source.subscriptions++;
          const error = new AttemptError(source.subscriptions, retriable);
          thrown.push(error);
          throw error;
        }),
      };
      return { source, thrown };
    }

    it('should retry it like any failure, and deliver the last thrown error after steps attempts', () => {
      const { source, thrown } = throwingSource(true);
      source.observable
        .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler }))
        .subscribe(recorder);
      scheduler.flush();

      expect(source.subscriptions).toBe(4);
      expect(recorder.deliveredError).toBe(thrown[3]);
      expect(recorder.notifications).toEqual([{ kind: 'E', value: thrown[3], at: 10 + 20 + 40 }]);
      expectCleanEnd(source);
    });

    it('should deliver a non-retriable thrown error at once, without a retry', () => {
      const { source, thrown } = throwingSource(false);
      source.observable
        .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler }))
        .subscribe(recorder);

      expect(source.subscriptions).toBe(1);
      expect(recorder.notifications).toEqual([{ kind: 'E', value: thrown[0], at: 0 }]);
      expectCleanEnd(source);
    });

    it('should retry a defer whose factory throws, with no stack growth for zero waits', () => {
      let calls = 0;
      const failure = new Error('factory failed');
      const source = { open: 0 };
      defer(() => {
        calls++;
        throw failure;
      })
        .pipe(onError({ ...fourAttempts, duration: 0, steps: 50_000 }, () => true, { scheduler }))
        .subscribe(recorder);

      expect(calls).toBe(50_000);
      expect(recorder.notifications).toEqual([{ kind: 'E', value: failure, at: 0 }]);
      expectCleanEnd(source);
    });
  });

  describe('a retriable test or onRetry hook that throws', () => {
    for (const after of [0, 5]) {
      const when = after === 0 ? 'synchronously' : 'asynchronously';

      it(`should deliver what retriable threw, with no wait and no retry (source failing ${when})`, () => {
        const source = new ScriptedSource(failsAfter(after), scheduler);
        const broken = new TypeError('retriable is broken');
        const onRetry = jasmine.createSpy('onRetry');
        const retriable = (): boolean => {
          throw broken;
        };
        source.observable.pipe(onError(fourAttempts, retriable, { scheduler, onRetry })).subscribe(recorder);
        scheduler.flush();

        expect(source.subscriptions).toBe(1);
        expect(recorder.notifications).toEqual([
          { kind: 'N', value: 100, at: 0 },
          { kind: 'E', value: broken, at: after },
        ]);
        expect(onRetry).not.toHaveBeenCalled();
        expectCleanEnd(source);
      });

      it(`should deliver what onRetry threw on its third call, with no further wait (source failing ${when})`, () => {
        const source = new ScriptedSource(failsAfter(after), scheduler);
        const broken = new Error('logging is down');
        let calls = 0;
        const onRetry = (): void => {
          if (++calls === 3) throw broken;
        };
        source.observable
          .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler, onRetry }))
          .subscribe(recorder);
        scheduler.flush();

        expect(source.subscriptions).toBe(3);
        expect(recorder.deliveredError).toBe(broken);
        expect(recorder.notifications.at(-1)?.at).toBe(3 * after + 10 + 20);
        expectCleanEnd(source);
      });
    }

    it('should deliver what onRetry threw before the last wait of the cap rule', () => {
      const source = new ScriptedSource(failsAfter(0), scheduler);
      const broken = new Error('hook failed');
      // Waits of 10 and 20ms; then 40 would pass the cap, so the 20ms wait is the last one.
      const capped: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 10, cap: 25 };
      const delays: number[] = [];
      const onRetry = ({ delay }: { delay: number }): void => {
        delays.push(delay);
        if (delays.length === 2) throw broken;
      };
      source.observable
        .pipe(onError(capped, isRetriableAttemptError, { scheduler, onRetry }))
        .subscribe(recorder);
      scheduler.flush();

      expect(delays).toEqual(backoffDelays(capped));
      expect(source.subscriptions).toBe(2);
      expect(recorder.notifications.at(-1)).toEqual({ kind: 'E', value: broken, at: 10 });
      expectCleanEnd(source);
    });

    it('should deliver what random threw, and a RangeError for a value that is not a number in [0, 1)', () => {
      for (const random of [
        (): number => {
          throw new Error('no entropy');
        },
        () => 1,
        () => -0.5,
        () => Number.NaN,
        // Not numbers, though comparisons and arithmetic would coerce them into [0, 1).
        () => null as unknown as number,
        () => '0.5' as unknown as number,
        () => false as unknown as number,
      ]) {
        const source = new ScriptedSource(failsAfter(0), new VirtualTimeScheduler());
        const run = new Recorder(scheduler);
        source.observable
          .pipe(onError({ ...fourAttempts, jitter: 0.5 }, isRetriableAttemptError, { scheduler, random }))
          .subscribe(run);

        expect(source.subscriptions).toBe(1);
        expect(run.deliveredError).toEqual(jasmine.any(Error));
        expect(run.deliveredError).not.toEqual(jasmine.any(AttemptError));
        expect(source.open).toBe(0);
      }
      expectCleanEnd({ open: 0 });
    });
  });

  describe('a scheduler whose schedule throws', () => {
    /** Delegates to the virtual scheduler, except that its n-th `schedule` call (1-based) throws. */
    function failingScheduler(failingCall: number, failure: unknown): SchedulerLike & { calls: number } {
      return {
        calls: 0,
        now: () => scheduler.now(),
        schedule(this: { calls: number }, ...args: Parameters<SchedulerLike['schedule']>): Subscription {
          if (++this.calls === failingCall) throw failure;
          return scheduler.schedule(...(args as [(this: SchedulerAction<unknown>, state?: unknown) => void]));
        },
      };
    }

    for (const failingCall of [1, 2, 3]) {
      it(`should deliver the scheduler's error and stop when schedule throws on call ${failingCall}`, () => {
        const source = new ScriptedSource(failsAfter(0), scheduler);
        const failure = new Error('timer queue full');
        const waits = failingScheduler(failingCall, failure);
        source.observable
          .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler: waits }))
          .subscribe(recorder);
        scheduler.flush();

        expect(source.subscriptions).toBe(failingCall);
        expect(waits.calls).toBe(failingCall);
        expect(recorder.deliveredError).toBe(failure);
        expectCleanEnd(source);
      });
    }

    it('should deliver a non-Error the scheduler throws as it is', () => {
      const source = new ScriptedSource(failsAfter(5), scheduler);
      source.observable
        .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler: failingScheduler(1, 'no timers') }))
        .subscribe(recorder);
      scheduler.flush();

      expect(recorder.notifications).toEqual([
        { kind: 'N', value: 100, at: 0 },
        { kind: 'E', value: 'no timers', at: 5 },
      ]);
      expectCleanEnd(source);
    });
  });

  describe('unsubscription at every point in the cycle', () => {
    type Order = 'before' | 'after';

    /**
     * Subscribes, unsubscribes at virtual time `at` (before or after whatever else happens in that
     * tick), and reports what was left at that moment and what happened after it.
     */
    function unsubscribeAt(at: number, order: Order, scripts: readonly AttemptScript[]) {
      const source = new ScriptedSource(scripts, scheduler);
      let left: { timers: number; open: number; subscriptions: number; notifications: number } | undefined;
      const unsubscribe = (): void => {
        subscription.unsubscribe();
        left = {
          timers: scheduler.actions.length,
          open: source.open,
          subscriptions: source.subscriptions,
          notifications: recorder.notifications.length,
        };
      };
      // An action created before the subscription runs before the operator's actions of the same
      // tick; one created during that tick runs after them.
      if (order === 'before') scheduler.schedule(unsubscribe, at);
      const subscription = source.observable
        .pipe(onError(fourAttempts, isRetriableAttemptError, { scheduler }))
        .subscribe(recorder);
      if (order === 'after') {
        let deferred = false;
        scheduler.schedule(function (this: SchedulerAction<unknown>) {
          if (deferred) return unsubscribe();
          deferred = true;
          this.schedule(undefined, 0);
        }, at);
      }
      scheduler.flush();
      return { source, left: left! };
    }

    for (const after of [0, 5]) {
      // Failures at 0/5, 10+/20, 30+/45, 70+/90 ms: the sweep runs past the end of the run.
      const runEnds = 10 + 20 + 40 + 4 * after;
      const ticks = Array.from({ length: 2 * (runEnds + 5) + 1 }, (_, i) => i / 2);

      it(`should cancel everything and say nothing more, at every half millisecond, before or after that tick's events (attempts failing ${after ? 'after 5ms' : 'synchronously'})`, () => {
        for (const at of ticks) {
          for (const order of ['before', 'after'] as const) {
            scheduler = new VirtualTimeScheduler();
            recorder = new Recorder(scheduler);
            const { source, left } = unsubscribeAt(at, order, failsAfter(after));
            const context = `unsubscribed at ${at}ms, ${order} that tick's events`;

            expect(left.timers).withContext(`${context}: timers left`).toBe(0);
            expect(left.open).withContext(`${context}: source subscriptions left open`).toBe(0);
            expect(source.subscriptions)
              .withContext(`${context}: subscriptions after it`)
              .toBe(left.subscriptions);
            expect(recorder.notifications.length)
              .withContext(`${context}: notifications after it`)
              .toBe(left.notifications);
            if (at < runEnds) {
              expect(recorder.ended).withContext(`${context}: ended before it`).toBeFalse();
            } else if (at > runEnds || order === 'after') {
              expect(recorder.deliveredError)
                .withContext(`${context}: the last error`)
                .toBe(source.errors[3]);
            }
          }
        }
      });
    }

    it('should cancel the wait when unsubscribed during it', () => {
      const { source, left } = unsubscribeAt(12, 'before', failsAfter(5));
      expect(left).toEqual({ timers: 0, open: 0, subscriptions: 1, notifications: 1 });
      expect(source.subscriptions).toBe(1);
    });

    it('should tear the attempt down when unsubscribed during it', () => {
      const { source, left } = unsubscribeAt(17, 'before', failsAfter(5));
      expect(left).toEqual({ timers: 0, open: 0, subscriptions: 2, notifications: 2 });
      expect(source.subscriptions).toBe(2);
    });

    it('should cancel the wait just scheduled when unsubscribed in the same tick as the error', () => {
      const { source, left } = unsubscribeAt(20, 'after', failsAfter(5));
      expect(left).toEqual({ timers: 0, open: 0, subscriptions: 2, notifications: 2 });
      expect(source.errors.length).toBe(2);
      expect(source.subscriptions).toBe(2);
    });

    it('should never see the error when unsubscribed in its tick before it is thrown', () => {
      const { source, left } = unsubscribeAt(20, 'before', failsAfter(5));
      expect(left).toEqual({ timers: 0, open: 0, subscriptions: 2, notifications: 2 });
      expect(source.errors.length).toBe(1);
    });

    for (const duration of [0, 10]) {
      it(`should close an attempt the subscriber leaves during its synchronous values (waits of ${duration}ms)`, () => {
        // The first attempt fails at once; the second emits and the subscriber, taking one value, leaves
        // while the source is still subscribing, before the operator holds its subscription.
        const source = new ScriptedSource(
          [
            { emits: 0, after: 0, then: 'retriable error' },
            { emits: 2, after: 5, then: 'retriable error' },
          ],
          scheduler,
        );
        source.observable
          .pipe(onError({ ...fourAttempts, duration }, isRetriableAttemptError, { scheduler }), take(1))
          .subscribe(recorder);
        scheduler.flush();

        expect(source.subscriptions).toBe(2);
        expect(recorder.notifications).toEqual([
          { kind: 'N', value: 200, at: duration },
          { kind: 'C', value: undefined, at: duration },
        ]);
        expectCleanEnd(source);
      });
    }

    it('should stop a synchronous source that the subscriber leaves while it emits, rather than run it on', () => {
      let pulled = 0;
      function* naturals(): Generator<number> {
        // Bounded, so that a failure of this spec cannot hang the suite.
        while (pulled < 100_000) yield pulled++;
      }
      from(naturals())
        .pipe(
          onError(fourAttempts, () => true, { scheduler }),
          take(1),
        )
        .subscribe(recorder);

      expect(pulled).withContext('values pulled from the generator').toBe(1);
      expect(recorder.notifications).toEqual([
        { kind: 'N', value: 0, at: 0 },
        { kind: 'C', value: undefined, at: 0 },
      ]);
      expect(scheduler.actions.length).toBe(0);
    });

    it('should start no attempt after the subscriber leaves in the same call as a synchronous error (zero waits)', () => {
      const stop = new Subject<void>();
      let subscriptions = 0;
      // Fails at once, then, still inside its subscribe function, makes the subscriber leave.
      const source = new Observable<never>((subscriber) => {
        subscriptions++;
        subscriber.error(new AttemptError(subscriptions, true));
        stop.next();
      });
      source
        .pipe(
          onError({ ...fourAttempts, duration: 0 }, isRetriableAttemptError, { scheduler }),
          takeUntil(stop),
        )
        .subscribe(recorder);

      expect(subscriptions).toBe(1);
      expect(recorder.notifications).toEqual([{ kind: 'C', value: undefined, at: 0 }]);
      expect(scheduler.actions.length).toBe(0);
    });

    /** The longest wait a JavaScript timer can hold, in ms. */
    const longest = 2 ** 31 - 1;

    it('should cancel every piece of a wait longer than the longest timer', () => {
      const source = new ScriptedSource(failsAfter(0), scheduler);
      const subscription = source.observable
        .pipe(
          onError({ duration: 2.5 * longest, factor: 1, jitter: 0, steps: 2 }, isRetriableAttemptError, {
            scheduler,
          }),
        )
        .subscribe(recorder);
      expect(scheduler.actions.map((action) => action.delay)).toEqual([longest]);
      scheduler.maxFrames = longest;
      scheduler.flush();
      expect(scheduler.actions.map((action) => action.delay)).toEqual([2 * longest]);

      subscription.unsubscribe();
      expect(scheduler.actions.length).toBe(0);
      scheduler.maxFrames = Infinity;
      scheduler.flush();
      expect(source.subscriptions).toBe(1);
      expectCleanEnd(source);
    });

    // A virtual scheduler's action that reschedules itself makes a new action and holds it, so
    // pieces taken that way would form a chain as long as the wait, torn down recursively.
    const manyPieces = 4000;
    const thousandsOfPieces = (steps: number): Backoff => ({
      duration: manyPieces * longest,
      factor: 1,
      jitter: 0,
      steps,
    });

    it('should unsubscribe at once during a wait of thousands of pieces', () => {
      const source = new ScriptedSource(failsAfter(0), scheduler);
      const subscription = source.observable
        .pipe(onError(thousandsOfPieces(2), isRetriableAttemptError, { scheduler }))
        .subscribe(recorder);
      scheduler.maxFrames = (manyPieces - 1) * longest;
      scheduler.flush();
      expect(scheduler.actions.map((action) => action.delay)).toEqual([manyPieces * longest]);

      expect(() => subscription.unsubscribe()).not.toThrow();
      expect(scheduler.actions.length).toBe(0);
      expect(source.subscriptions).toBe(1);
      expectCleanEnd(source);
    });

    it('should close the attempt that a wait of thousands of pieces led to, when it ends the run', () => {
      const fatal: AttemptScript = { emits: 0, after: 0, then: 'fatal error' };
      const source = new ScriptedSource([{ emits: 0, after: 0, then: 'retriable error' }, fatal], scheduler);
      source.observable
        .pipe(onError(thousandsOfPieces(3), isRetriableAttemptError, { scheduler }))
        .subscribe(recorder);
      scheduler.maxFrames = Infinity;
      scheduler.flush();

      expect(source.subscriptions).toBe(2);
      expect(recorder.deliveredError).toBe(source.errors[1]);
      expect(recorder.notifications.map(({ kind, at }) => [kind, at])).toEqual([['E', manyPieces * longest]]);
      expectCleanEnd(source);
    });
  });

  describe('re-entrant unsubscription', () => {
    for (const [duration, after] of [
      [0, 0],
      [10, 0],
      [0, 5],
      [10, 5],
    ] as const) {
      const setting = `waits of ${duration}ms, attempts failing after ${after}ms`;

      it(`should stop at once when onRetry unsubscribes, with ${setting}`, () => {
        const source = new ScriptedSource(failsAfter(after), scheduler);
        const stop = new Subject<void>();
        const onRetry = jasmine.createSpy('onRetry').and.callFake(() => stop.next());
        source.observable
          .pipe(
            onError({ ...fourAttempts, duration }, isRetriableAttemptError, { scheduler, onRetry }),
            takeUntil(stop),
          )
          .subscribe(recorder);
        scheduler.flush();

        expect(onRetry).toHaveBeenCalledTimes(1);
        expect(source.subscriptions).toBe(1);
        expect(recorder.notifications).toEqual([
          { kind: 'N', value: 100, at: 0 },
          { kind: 'C', value: undefined, at: after },
        ]);
        expectCleanEnd(source);
      });

      it(`should neither wait nor call onRetry when retriable unsubscribes, with ${setting}`, () => {
        const source = new ScriptedSource(failsAfter(after), scheduler);
        const stop = new Subject<void>();
        const onRetry = jasmine.createSpy('onRetry');
        const random = jasmine.createSpy('random').and.returnValue(0.5);
        const retriable = (): boolean => {
          stop.next();
          return true;
        };
        source.observable
          .pipe(
            onError({ ...fourAttempts, duration, jitter: 0.1 }, retriable, { scheduler, onRetry, random }),
            takeUntil(stop),
          )
          .subscribe(recorder);
        scheduler.flush();

        expect(onRetry).not.toHaveBeenCalled();
        expect(random).not.toHaveBeenCalled();
        expect(source.subscriptions).toBe(1);
        expectCleanEnd(source);
      });
    }

    it('should stop when onRetry unsubscribes the subscription it belongs to', () => {
      const source = new ScriptedSource(failsAfter(5), scheduler);
      // The attempt fails after 5ms, so by then `subscription` is assigned.
      const subscription: Subscription = source.observable
        .pipe(
          onError(fourAttempts, isRetriableAttemptError, {
            scheduler,
            onRetry: () => subscription.unsubscribe(),
          }),
        )
        .subscribe(recorder);
      scheduler.flush();

      expect(source.subscriptions).toBe(1);
      expect(recorder.notifications).toEqual([{ kind: 'N', value: 100, at: 0 }]);
      expectCleanEnd(source);
    });
  });
});
