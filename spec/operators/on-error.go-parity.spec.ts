import { defer, of, throwError, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { isConflict, onError, type RetryEvent } from '../../src/index.js';
import {
  describeCase,
  goParityCases,
  replayRandom,
  toBackoff,
  type GoParityCase,
} from '../support/go-parity.js';

interface Run {
  readonly attemptTimes: number[];
  readonly conflicts: object[];
  readonly events: RetryEvent[];
  readonly outcome:
    { kind: 'error'; error: unknown; at: number } | { kind: 'success'; values: string[]; at: number };
  readonly randomCalls: number;
}

/** Runs the case through the operator on a virtual clock: Go's `fn` becomes a subscription. */
function runThroughOperator(goCase: GoParityCase): Run {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  const { random, calls } = replayRandom(goCase.random);
  const failures = goCase.scenario.failuresBeforeSuccess ?? Infinity;
  const attemptTimes: number[] = [];
  const conflicts: object[] = [];
  const events: RetryEvent[] = [];
  const values: string[] = [];
  let outcome: Run['outcome'] | undefined;

  const readModifyWrite = defer(() => {
    attemptTimes.push(scheduler.now());
    if (attemptTimes.length > failures) return of('ok');
    const conflict = { status: 409, attempt: attemptTimes.length };
    conflicts.push(conflict);
    return throwError(() => conflict);
  });
  readModifyWrite
    .pipe(
      onError(toBackoff(goCase), isConflict, { scheduler, random, onRetry: (event) => events.push(event) }),
    )
    .subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => (outcome = { kind: 'error', error, at: scheduler.now() }),
      complete: () => (outcome = { kind: 'success', values, at: scheduler.now() }),
    });
  scheduler.flush();
  if (outcome === undefined) throw new Error('the run neither failed nor completed');
  return { attemptTimes, conflicts, events, outcome, randomCalls: calls() };
}

/** Virtual time is a sum of doubles: allow the rounding of that sum, far below a nanosecond's worth. */
function expectMsNear(actualMs: number, expectedNs: number): void {
  const tolerance = Math.max(Math.abs(actualMs), 1) * Number.EPSILON * 8;
  expect(Math.abs(actualMs - expectedNs / 1e6))
    .withContext(`${actualMs}ms vs ${expectedNs}ns`)
    .toBeLessThanOrEqual(tolerance);
}

describe('onError, Go parity (spec/fixtures/go-parity-sample.json)', () => {
  const runnable = goParityCases.filter((goCase) => goCase.backoff.steps > 0);

  it('checks all 260 cases that Go ran with at least one step', () => {
    expect(goParityCases.length).toBe(265);
    expect(runnable.length).toBe(260);
  });

  runnable.forEach((goCase) => {
    const index = goParityCases.indexOf(goCase);
    it(`subscribes, waits and ends as OnError does: ${describeCase(goCase, index)}`, () => {
      const run = runThroughOperator(goCase);

      expect(run.attemptTimes.length).withContext('subscriptions = Go calls').toBe(goCase.calls);
      expect(run.randomCalls).withContext('random() calls = rand.Float64() calls').toBe(goCase.random.length);
      expect(run.events.map((event) => Math.round(event.delay * 1e6)))
        .withContext('waits announced to onRetry, in ns')
        .toEqual([...goCase.sleepsNs]);
      expect(run.events.map((event) => event.attempt)).toEqual(goCase.sleepsNs.map((_, i) => i + 1));

      // Gaps between subscriptions are Go's sleeps (a capped run ends with one sleep and no call).
      run.attemptTimes.slice(1).forEach((time, i) => {
        expectMsNear(time - (run.attemptTimes[i] as number), goCase.sleepsNs[i] as number);
      });
      const totalNs = goCase.sleepsNs.reduce((sum, ns) => sum + ns, 0);
      expectMsNear(run.outcome.at, totalNs);

      if (goCase.result === 'lastError') {
        expect(run.outcome.kind).toBe('error');
        expect(run.outcome.kind === 'error' && run.outcome.error)
          .withContext('the last conflict itself')
          .toBe(run.conflicts[run.conflicts.length - 1]);
      } else {
        expect(goCase.result).toBe('success');
        expect(run.outcome).toEqual({ kind: 'success', values: ['ok'], at: run.outcome.at });
      }
    });
  });
});
