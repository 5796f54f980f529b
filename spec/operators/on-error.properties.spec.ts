import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualTimeScheduler } from 'rxjs';
import { backoffDelays, onError, type Backoff, type GiveUpEvent, type RetryEvent } from '../../src/index.js';
import { expectProperty } from '../support/expect-property.js';
import { failurePattern, randomNumbers, validBackoff } from '../support/arbitraries.js';
import {
  AttemptError,
  isRetriableAttemptError,
  randomSequence,
  ScriptedSource,
  type AttemptScript,
} from '../support/scripted-source.js';

/** What client-go's `OnError` does with a scripted `fn`, time and all. */
interface GoRun {
  readonly subscribedAt: number[];
  readonly waits: number[];
  readonly values: number[];
  readonly end: 'complete' | { readonly errorOfAttempt: number };
  readonly endedAt: number;
  /** Whether the loop ran out of steps (or the cap ended it) on a retriable error: a give-up. */
  readonly gaveUp: boolean;
  /** Whether the cap rule ended the loop: the last wait is followed by no call. */
  readonly capEnded: boolean;
}

/**
 * client-go's `OnError` over apimachinery's `ExponentialBackoff`, written as Go writes it (a loop
 * that calls `fn` and sleeps `backoff.Step()`), with "calling fn" read as "subscribing" and a clock
 * instead of sleeping. The operator turns this loop inside out; the two must agree on everything.
 */
function goOnError(backoff: Backoff, scripts: readonly AttemptScript[], random: () => number): GoRun {
  // wait.Backoff, in Go's integer nanoseconds.
  let durationNs = Math.round(backoff.duration * 1e6);
  let steps = backoff.steps;
  const capNs = Math.round((backoff.cap ?? 0) * 1e6);
  const step = (): number => {
    steps--;
    const current = durationNs;
    if (backoff.factor !== 0) {
      durationNs = Math.trunc(durationNs * backoff.factor);
      if (capNs > 0 && durationNs > capNs) {
        durationNs = capNs;
        steps = 0;
      }
    }
    return backoff.jitter > 0 ? current + Math.trunc(random() * backoff.jitter * current) : current;
  };

  const run = { subscribedAt: [] as number[], waits: [] as number[], values: [] as number[] };
  let clock = 0;
  let attempt = 0;
  let lastErrorAttempt = 0;
  while (steps > 0) {
    attempt++;
    run.subscribedAt.push(clock);
    const script = scripts[Math.min(attempt, scripts.length) - 1]!;
    for (let i = 0; i < script.emits; i++) run.values.push(attempt * 100 + i);
    clock += script.after;
    if (script.then === 'complete')
      return { ...run, end: 'complete', endedAt: clock, gaveUp: false, capEnded: false };
    if (script.then === 'fatal error')
      return { ...run, end: { errorOfAttempt: attempt }, endedAt: clock, gaveUp: false, capEnded: false };
    lastErrorAttempt = attempt;
    if (steps === 1) break;
    const waitMs = step() / 1e6;
    run.waits.push(waitMs);
    clock += waitMs;
  }
  return {
    ...run,
    end: { errorOfAttempt: lastErrorAttempt },
    endedAt: clock,
    gaveUp: true,
    capEnded: steps === 0,
  };
}

/** Runs the operator over a scripted source on a virtual clock, and records what reached the subscriber. */
function runOperator(backoff: Backoff, scripts: readonly AttemptScript[], randoms: readonly number[]) {
  const scheduler = new VirtualTimeScheduler();
  const source = new ScriptedSource(scripts, scheduler);
  const events: RetryEvent[] = [];
  const giveUps: GiveUpEvent[] = [];
  const values: number[] = [];
  let end: 'complete' | { error: unknown } | undefined;
  let endedAt = Number.NaN;
  const { random, calls } = randomSequence(randoms);
  source.observable
    .pipe(
      onError(backoff, isRetriableAttemptError, {
        scheduler,
        random,
        onRetry: (event) => events.push(event),
        onGiveUp: (event) => {
          assert.equal(end, undefined, 'onGiveUp before the error is delivered');
          giveUps.push(event);
        },
      }),
    )
    .subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => {
        end = { error };
        endedAt = scheduler.now();
      },
      complete: () => {
        end = 'complete';
        endedAt = scheduler.now();
      },
    });
  scheduler.flush();
  return { scheduler, source, events, giveUps, values, end, endedAt, randomCalls: calls() };
}

const numRuns = 300;

describe('onError, for arbitrary valid backoffs and failure patterns', () => {
  it('should subscribe, wait, emit and end exactly as client-go OnError does', () => {
    expectProperty(
      fc.property(validBackoff, failurePattern, randomNumbers, (backoff, scripts, randoms) => {
        const go = goOnError(backoff, scripts, randomSequence(randoms).random);
        const run = runOperator(backoff, scripts, randoms);

        assert.deepEqual(run.source.subscribedAt, go.subscribedAt, 'subscription times');
        assert.deepEqual(run.values, go.values, 'values');
        assert.deepEqual(
          run.events.map((event) => event.delay),
          go.waits,
          'waits',
        );
        assert.equal(run.endedAt, go.endedAt, 'time of the end');
        assert.deepEqual(
          run.events.map((event) => event.attemptFollows),
          go.waits.map((_, i) => !(go.capEnded && i === go.waits.length - 1)),
          'whether an attempt follows each wait',
        );
        const { end } = go;
        assert.deepEqual(
          run.giveUps,
          go.gaveUp && end !== 'complete'
            ? [
                {
                  attempts: go.subscribedAt.length,
                  error: run.source.errors.find((thrown) => thrown.attempt === end.errorOfAttempt),
                },
              ]
            : [],
          'give-ups',
        );
        if (go.end === 'complete') {
          assert.equal(run.end, 'complete');
        } else {
          const { errorOfAttempt } = go.end;
          const error = run.source.errors.find((thrown) => thrown.attempt === errorOfAttempt);
          assert.ok(error !== undefined && run.end !== 'complete' && run.end?.error === error, 'the error');
        }
      }),
      { numRuns },
    );
  });

  it('should never subscribe to the source more than steps times', () => {
    expectProperty(
      fc.property(validBackoff, failurePattern, randomNumbers, (backoff, scripts, randoms) => {
        const run = runOperator(backoff, scripts, randoms);
        assert.ok(run.source.subscriptions <= backoff.steps, `${run.source.subscriptions} subscriptions`);
        assert.ok(run.source.subscriptions >= 1);
      }),
      { numRuns },
    );
  });

  it('should wait exactly what backoffDelays returns for the same random numbers', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const alwaysFails: AttemptScript[] = [{ emits: 0, after: 0, then: 'retriable error' }];
        const run = runOperator(backoff, alwaysFails, randoms);
        const expected = backoffDelays(backoff, randomSequence(randoms).random);

        const gaps = run.source.subscribedAt.slice(1).map((at, i) => at - run.source.subscribedAt[i]!);
        // Go's cap rule: the last wait is taken, then the error is returned with no attempt after it.
        if (run.source.subscriptions === expected.length)
          gaps.push(run.endedAt - run.source.subscribedAt.at(-1)!);
        // The clock adds the waits up in floating point; compare them in Go's unit, the nanosecond.
        const toNs = (ms: number): number => Math.round(ms * 1e6);
        assert.deepEqual(gaps.map(toNs), expected.map(toNs), 'waits between attempts, in ns');
        assert.deepEqual(
          run.events.map((event) => event.delay),
          expected,
          'waits told to onRetry',
        );
        assert.equal(run.randomCalls, backoff.jitter > 0 ? expected.length : 0, 'calls of random');
      }),
      { numRuns },
    );
  });

  it('should deliver the error of the last attempt, itself, when every attempt fails', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const run = runOperator(backoff, [{ emits: 0, after: 1, then: 'retriable error' }], randoms);
        const lastError = run.source.errors.at(-1);
        assert.ok(lastError instanceof AttemptError);
        assert.ok(
          run.end !== undefined && run.end !== 'complete' && run.end.error === lastError,
          'the same object',
        );
        assert.equal(lastError.attempt, run.source.subscriptions);
        assert.deepEqual(
          run.events.map((event) => [event.attempt, event.error]),
          run.source.errors.slice(0, run.events.length).map((error) => [error.attempt, error]),
        );
      }),
      { numRuns },
    );
  });

  it('should stop retrying at the first success, and pass its values through', () => {
    const failuresThenSuccess = fc.integer({ min: 0, max: 9 }).map((failures): AttemptScript[] => [
      ...Array.from({ length: failures }, (): AttemptScript => ({
        emits: 1,
        after: 0,
        then: 'retriable error',
      })),
      { emits: 2, after: 3, then: 'complete' },
    ]);
    expectProperty(
      fc.property(validBackoff, failuresThenSuccess, randomNumbers, (backoff, scripts, randoms) => {
        const run = runOperator(backoff, scripts, randoms);
        const successfulAttempt = scripts.length;
        if (run.end === 'complete') {
          assert.equal(run.source.subscriptions, successfulAttempt);
          assert.deepEqual(run.values.slice(-2), [successfulAttempt * 100, successfulAttempt * 100 + 1]);
        } else {
          // The budget ran out before the success: the failures used every attempt there was.
          assert.ok(run.source.subscriptions < successfulAttempt);
          assert.equal(run.source.errors.length, run.source.subscriptions);
        }
        assert.equal(run.scheduler.actions.length, 0, 'timers left scheduled');
        assert.equal(run.source.open, 0, 'source subscriptions left open');
      }),
      { numRuns },
    );
  });

  it('should pass a non-retriable error through at once, whatever came before', () => {
    expectProperty(
      fc.property(validBackoff, failurePattern, randomNumbers, (backoff, scripts, randoms) => {
        const run = runOperator(backoff, scripts, randoms);
        const fatal = run.source.errors.find((error) => !error.retriable);
        if (fatal !== undefined) {
          assert.ok(run.end !== undefined && run.end !== 'complete' && run.end.error === fatal);
          assert.equal(run.source.subscriptions, fatal.attempt);
          assert.equal(run.events.length, fatal.attempt - 1, 'retries before it');
        }
      }),
      { numRuns },
    );
  });

  it('should leave no timer scheduled and no source subscription open once it has ended', () => {
    expectProperty(
      fc.property(validBackoff, failurePattern, randomNumbers, (backoff, scripts, randoms) => {
        const run = runOperator(backoff, scripts, randoms);
        assert.notEqual(run.end, undefined, 'the run ended');
        assert.equal(run.scheduler.actions.length, 0, 'timers left scheduled');
        assert.equal(run.source.open, 0, 'source subscriptions left open');
      }),
      { numRuns },
    );
  });

  it('should refuse at creation, as backoffDelays does, a backoff whose waits could pass Go longest duration', () => {
    const steepBackoff = fc.record(
      {
        duration: fc.integer({ min: 1, max: 1000 }),
        factor: fc.oneof(fc.constantFrom(10, 1000), fc.double({ min: 2, max: 1e6, noNaN: true })),
        jitter: fc.constantFrom(0, 0.1, 1),
        steps: fc.integer({ min: 2, max: 30 }),
      },
      { noNullPrototype: true },
    );
    const thrownBy = (create: () => unknown): unknown => {
      try {
        create();
      } catch (thrown: unknown) {
        return thrown;
      }
      return undefined;
    };
    expectProperty(
      fc.property(steepBackoff, randomNumbers, (backoff, randoms) => {
        // The worst case decides, whatever random returns.
        const expected = thrownBy(() => backoffDelays(backoff, () => 0));
        const withRandoms = thrownBy(() => backoffDelays(backoff, randomSequence(randoms).random));
        assert.equal((withRandoms as Error | undefined)?.message, (expected as Error | undefined)?.message);
        if (expected !== undefined) {
          assert.ok(expected instanceof RangeError, 'a RangeError');
          assert.match(expected.message, /^Backoff overflow: wait \d+ /);
          const fromOperator = thrownBy(() => onError(backoff, () => true));
          assert.ok(fromOperator instanceof RangeError);
          assert.equal(fromOperator.message, expected.message);
        } else {
          const run = runOperator(backoff, [{ emits: 0, after: 0, then: 'retriable error' }], randoms);
          assert.ok(
            run.end !== 'complete' && run.end?.error instanceof AttemptError,
            'the last attempt error',
          );
          assert.ok(
            run.events.every(({ delay }) => delay * 1e6 < 2 ** 63),
            'every wait below 2^63 ns',
          );
          assert.equal(run.scheduler.actions.length, 0, 'timers left scheduled');
          assert.equal(run.source.open, 0, 'source subscriptions left open');
        }
      }),
      { numRuns: 200 },
    );
  });
});
