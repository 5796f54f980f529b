import { Observable, type SchedulerLike } from 'rxjs';

/**
 * What one attempt (one subscription of the source) does: emit some values at once, then, `after`
 * milliseconds later (0: in the same call), end the way `then` says. Plain data, so that a shrunk
 * counterexample reads as a story: `{ emits: 1, after: 0, then: 'retriable error' }`.
 */
export interface AttemptScript {
  readonly emits: number;
  readonly after: number;
  readonly then: 'complete' | 'retriable error' | 'fatal error';
}

/** An error a scripted attempt fails with; `retriable` says whether the spec's test accepts it. */
export class AttemptError extends Error {
  constructor(
    readonly attempt: number,
    readonly retriable: boolean,
  ) {
    super(`attempt ${attempt} failed (${retriable ? 'retriable' : 'fatal'})`);
    this.name = 'AttemptError';
  }
}

export const isRetriableAttemptError = (error: unknown): boolean =>
  error instanceof AttemptError && error.retriable;

/**
 * A cold source that plays one script per subscription (the last script repeats) and keeps count:
 * when each attempt was subscribed, how many subscriptions are still open, which errors it threw.
 * Attempt `n` emits the values `n * 100 + 0`, `n * 100 + 1`, …
 */
export class ScriptedSource {
  readonly subscribedAt: number[] = [];
  readonly errors: AttemptError[] = [];
  open = 0;
  readonly observable: Observable<number>;

  constructor(
    private readonly scripts: readonly AttemptScript[],
    private readonly scheduler: SchedulerLike,
  ) {
    this.observable = new Observable<number>((subscriber) => {
      this.subscribedAt.push(this.scheduler.now());
      this.open++;
      const attempt = this.subscribedAt.length;
      const script = this.scripts[Math.min(attempt, this.scripts.length) - 1] ?? {
        emits: 0,
        after: 0,
        then: 'retriable error',
      };
      // As `from` and `of` do: stop emitting once the subscriber has left.
      for (let i = 0; i < script.emits && !subscriber.closed; i++) subscriber.next(attempt * 100 + i);
      const end = (): void => {
        if (script.then === 'complete') {
          subscriber.complete();
        } else {
          const error = new AttemptError(attempt, script.then === 'retriable error');
          this.errors.push(error);
          subscriber.error(error);
        }
      };
      const ending = script.after > 0 ? this.scheduler.schedule(end, script.after) : (end(), undefined);
      return () => {
        this.open--;
        ending?.unsubscribe();
      };
    });
  }

  get subscriptions(): number {
    return this.subscribedAt.length;
  }
}

/** A `random` that returns the given numbers in turn (cycling), and counts its calls. */
export function randomSequence(numbers: readonly number[]): {
  readonly random: () => number;
  calls: () => number;
} {
  let calls = 0;
  return {
    random: () => numbers[calls++ % numbers.length] ?? 0,
    calls: () => calls,
  };
}
