import { asyncScheduler, defer, throwError } from 'rxjs';
import { onError, type Backoff } from '../../src/index.js';
import { CountingScheduler } from '../support/counting-scheduler.js';
import { Recorder } from '../support/recorder.js';
import { expectNoRxjsReports } from '../support/rxjs-reports.js';
import {
  AttemptError,
  isRetriableAttemptError,
  ScriptedSource,
  type AttemptScript,
} from '../support/scripted-source.js';
import { REAL_IO_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

/**
 * onError on the real asyncScheduler: Node timers, which fire late, early by the scheduler's clock,
 * or at once when longer than a timer can hold. The same rules on virtual time are in
 * on-error.spec.ts and on-error.faults.spec.ts.
 */

const always = () => true;
const fourAttempts: Backoff = { duration: 10, factor: 2, jitter: 0, steps: 4 };
const failsAfter = (after: number): AttemptScript[] => [{ emits: 1, after, then: 'retriable error' }];

/** Node timers alive now: RxJS's asyncScheduler holds one per scheduled action. */
const activeTimers = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('onError on the real asyncScheduler', () => {
  suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);
  expectNoRxjsReports();

  describe('waits that never end early', () => {
    it('should keep to the wait by its own clock', async () => {
      // 8 runs of 30 jittered waits of 1 to 2 ms: about 50 ms, hundreds of real timers.
      const runs = 8;
      const backoff: Backoff = { duration: 1, factor: 1, jitter: 1, steps: 31 };
      const lateness: number[] = [];
      await Promise.all(
        Array.from(
          { length: runs },
          () =>
            new Promise<void>((resolve) => {
              let failedAt = 0;
              let waitMs = 0;
              let attempts = 0;
              defer(() => {
                const now = asyncScheduler.now();
                // Measured against the end as the operator computes it, `now() + wait`: a clock of
                // some 1.7e12 ms rounds that sum to 2^-12 ms, so `now - failedAt - waitMs` may dip
                // below 0 by the rounding while the wait itself was kept.
                if (attempts++ > 0) lateness.push(now - (failedAt + waitMs));
                failedAt = now;
                return throwError(() => new Error('x'));
              })
                .pipe(onError(backoff, always, { onRetry: ({ delay }) => (waitMs = delay) }))
                .subscribe({ error: () => resolve() });
            }),
        ),
      );
      expect(lateness.length).toBe(runs * 30);
      expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    });
  });

  describe('10,000 concurrent subscriptions', () => {
    const subscribers = 10_000;
    // Thousands of virtual actions make the virtual clock's sorted queue quadratic; real timers are cheap.
    const quick: Backoff = { duration: 1, factor: 1, jitter: 0.5, steps: 4 };

    /**
     * Each spec's bound: 10,000 subscriptions and 30,000 real timers take about 2 s on an idle
     * machine, and more than the default 5 s on a loaded one.
     */
    const timeoutMs = 30_000;

    /** Resolves when `count()` reaches `target`; the spec's timeout bounds the wait. */
    async function until(count: () => number, target: number): Promise<void> {
      while (count() < target) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    it(
      'should give each its own steps and durations, through one operator instance and one source',
      async () => {
        const timers = new CountingScheduler(asyncScheduler);
        const source = new ScriptedSource(failsAfter(0), asyncScheduler);
        let waits = 0;
        const retried = source.observable.pipe(
          onError(quick, isRetriableAttemptError, { scheduler: timers, onRetry: () => waits++ }),
        );
        const recorders = Array.from({ length: subscribers }, () => new Recorder(asyncScheduler));
        recorders.forEach((own) => retried.subscribe(own));
        await until(() => recorders.filter((own) => own.ended).length, subscribers);
        const lastErrors = new Set(
          source.errors.filter((error) => error.attempt > subscribers * (quick.steps - 1)),
        );

        expect(source.subscriptions).toBe(subscribers * quick.steps);
        const wrong = recorders.filter(
          (own) =>
            own.notifications.map(({ kind }) => kind).join('') !== 'NNNNE' ||
            !(own.deliveredError instanceof AttemptError) ||
            !lastErrors.has(own.deliveredError),
        );
        expect(wrong.length).withContext('subscriptions that did not get their full budget').toBe(0);
        expect(new Set(recorders.map((own) => own.deliveredError)).size)
          .withContext('distinct errors')
          .toBe(subscribers);
        expect(source.open).withContext('source subscriptions left open').toBe(0);
        expect(waits)
          .withContext('waits taken')
          .toBe(subscribers * (quick.steps - 1));
        // A timer that fires before its time by the clock has the rest of its wait scheduled anew.
        expect(timers.scheduled).withContext('timers scheduled').toBeGreaterThanOrEqual(waits);
        expect(timers.pending).withContext('timers left').toBe(0);
      },
      timeoutMs,
    );

    it(
      'should run each to its own end when each source fails a different number of times, some unsubscribed in their first wait',
      async () => {
        const timers = new CountingScheduler(asyncScheduler);
        const retrying = onError<number>(quick, isRetriableAttemptError, { scheduler: timers });
        const runs = Array.from({ length: subscribers }, (_, i) => {
          const failures = i % quick.steps;
          const scripts: AttemptScript[] = [
            ...Array.from({ length: failures }, (): AttemptScript => ({
              emits: 0,
              after: 0,
              then: 'retriable error',
            })),
            { emits: 1, after: 0, then: 'complete' },
          ];
          const source = new ScriptedSource(scripts, asyncScheduler);
          const own = new Recorder(asyncScheduler);
          const subscription = source.observable.pipe(retrying).subscribe(own);
          const cut = i % 3 === 0 && failures > 0;
          if (cut) subscription.unsubscribe();
          return { failures, cut, source, own };
        });
        const running = runs.filter(({ cut }) => !cut);
        await until(() => running.filter(({ own }) => own.ended).length, running.length);

        const wrong = runs.filter(({ failures, cut, source, own }) =>
          cut
            ? source.subscriptions !== 1 || own.notifications.length !== 0
            : source.subscriptions !== failures + 1 ||
              own.notifications
                .map(({ kind, value }) => `${kind}${typeof value === 'number' ? value : ''}`)
                .join() !== `N${(failures + 1) * 100},C`,
        );
        expect(wrong.length).withContext('subscriptions that went wrong').toBe(0);
        expect(runs.filter(({ source }) => source.open !== 0).length)
          .withContext('sources left open')
          .toBe(0);
        expect(timers.pending).withContext('timers left').toBe(0);
      },
      timeoutMs,
    );
  });

  describe('Node timers', () => {
    // Measured synchronously, so that no other spec's timer can come or go in between.
    it('should leave no Node timer behind when unsubscribed during a wait', () => {
      const source = new ScriptedSource(failsAfter(0), asyncScheduler);
      const before = activeTimers();
      const subscription = source.observable
        .pipe(onError({ ...fourAttempts, duration: 60_000 }, isRetriableAttemptError))
        .subscribe({ error: fail });
      expect(activeTimers())
        .withContext('timers while waiting')
        .toBe(before + 1);

      subscription.unsubscribe();
      expect(activeTimers()).withContext('timers after unsubscribing').toBe(before);
      expect(source.subscriptions).toBe(1);
      expect(source.open).toBe(0);
    });

    it('should not resubscribe early when the wait is longer than a Node timer can hold', async () => {
      const source = new ScriptedSource(failsAfter(0), asyncScheduler);
      const timers = new CountingScheduler(asyncScheduler);
      const thirtyDays = 30 * 24 * 3600 * 1000;
      const subscription = source.observable
        .pipe(
          onError({ duration: thirtyDays, factor: 1, jitter: 0, steps: 2 }, () => true, {
            scheduler: timers,
          }),
        )
        .subscribe({ error: fail });
      // An overflowing Node timer fires after 1ms; give it twenty.
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(source.subscriptions).toBe(1);
      expect(timers.pending).withContext('timers while waiting').toBe(1);
      subscription.unsubscribe();
      expect(timers.pending).withContext('timers after unsubscribing').toBe(0);
    });
  });
});
