// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { runInInjectionContext, type EnvironmentInjector } from '@angular/core';
import { defer, merge, of, throwError, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import { provideRetryOnConflict } from '../../src/angular/provide-retry-on-conflict.js';

interface ConflictingSource {
  subscriptions: number;
  readonly save$: Observable<string>;
}

/** A cold source that answers 409 `conflicts` times, then emits 'saved'; counts its subscriptions. */
function conflictingSource(conflicts: number): ConflictingSource {
  const source: ConflictingSource = {
    subscriptions: 0,
    save$: defer(() =>
      ++source.subscriptions <= conflicts ? throwError(() => ({ status: 409 })) : of('saved'),
    ),
  };
  return source;
}

/**
 * What a subscription to `source$` receives, run on virtual time: inside `TestScheduler.run()` the
 * `asyncScheduler` that the operator waits on by default is virtual, and is flushed at the end.
 */
function runOnVirtualTime<T>(source$: Observable<T>): { values: T[]; error?: unknown; completed: boolean } {
  const seen: { values: T[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(() => {
    source$.subscribe({
      next: (value) => seen.values.push(value),
      error: (error: unknown) => (seen.error = error),
      complete: () => (seen.completed = true),
    });
  });
  return seen;
}

describe('injectRetryOnConflict', () => {
  let injector: EnvironmentInjector;

  beforeEach(() => {
    injector = createHttpEnvironment([
      provideRetryOnConflict({ backoff: { duration: 1, factor: 1, jitter: 0, steps: 3 } }),
    ]);
  });

  afterEach(() => injector.destroy());

  it("should throw Angular's NG0203 when called outside an injection context", () => {
    expect(() => injectRetryOnConflict()).toThrowMatching(
      (error) => error instanceof Error && error.message.includes('NG0203'),
    );
  });

  it('should work in the field initializer of a service made in an injection context', () => {
    class SaveService {
      readonly retryOnConflict: MonoTypeOperatorFunction<string> = injectRetryOnConflict<string>();
    }
    const service = runInInjectionContext(injector, () => new SaveService());
    const source = conflictingSource(2);

    expect(runOnVirtualTime(source.save$.pipe(service.retryOnConflict))).toEqual({
      values: ['saved'],
      completed: true,
    });
    expect(source.subscriptions).toBe(3);
  });

  it('should give up with the 409 after the policy steps', () => {
    const retry = runInInjectionContext(injector, () => injectRetryOnConflict<string>());
    const source = conflictingSource(Infinity);

    expect(runOnVirtualTime(source.save$.pipe(retry)).error).toEqual({ status: 409 });
    expect(source.subscriptions).toBe(3);
  });

  it('should hand every caller of one injector the same operator', () => {
    const first = runInInjectionContext(injector, () => injectRetryOnConflict());
    const second = runInInjectionContext(injector, () => injectRetryOnConflict());

    expect(second).toBe(first);
  });

  it('should run a backoff of its own for each subscription to a shared operator', () => {
    const retry = runInInjectionContext(injector, () => injectRetryOnConflict<string>());
    const sources = [conflictingSource(2), conflictingSource(2)];

    const saved = runOnVirtualTime(merge(...sources.map(({ save$ }) => save$.pipe(retry))));

    expect(saved.values).toEqual(['saved', 'saved']);
    expect(sources.map(({ subscriptions }) => subscriptions)).toEqual([3, 3]);
  });
});
