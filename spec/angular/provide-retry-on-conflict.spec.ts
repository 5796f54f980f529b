// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpErrorResponse } from '@angular/common/http';
import { createEnvironmentInjector, runInInjectionContext, type EnvironmentInjector } from '@angular/core';
import { defer, throwError, VirtualTimeScheduler, type Observable, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { retryOnConflict, type Backoff, type GiveUpEvent, type RetryEvent } from '../../src/index.js';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import { provideRetryOnConflict } from '../../src/angular/provide-retry-on-conflict.js';
import type { RetryOnConflictPolicy } from '../../src/angular/retry-policy.js';
import { infoOf } from '../support/input-error-info.js';
import { thrownBy } from '../support/thrown-by.js';

/** Three attempts, 5ms apart. */
const THREE_ATTEMPTS: Backoff = { duration: 5, factor: 1, jitter: 0, steps: 3 };

const conflict = new HttpErrorResponse({ status: 409, statusText: 'Conflict', error: { error: 'conflict' } });
const serverError = new HttpErrorResponse({ status: 500, statusText: 'Internal Server Error' });

/**
 * The rules of provideRetryOnConflict on virtual time, with the HttpErrorResponse a failed request
 * of HttpClient delivers; provide-retry-on-conflict.io.spec.ts runs them with HttpClient against a
 * real server.
 */
describe('provideRetryOnConflict', () => {
  const injectors: EnvironmentInjector[] = [];
  let testScheduler: TestScheduler;

  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  afterEach(() => {
    for (const injector of injectors.splice(0).reverse()) injector.destroy();
  });

  function environment(...policies: RetryOnConflictPolicy[]): EnvironmentInjector {
    const injector = createHttpEnvironment(policies.map((policy) => provideRetryOnConflict(policy)));
    injectors.push(injector);
    return injector;
  }

  const retryIn = (injector: EnvironmentInjector) =>
    runInInjectionContext(injector, () => injectRetryOnConflict<never>());

  it('should subscribe `steps` times with the policy backoff, tell onGiveUp, then deliver the 409 itself', () => {
    const retries: RetryEvent[] = [];
    const giveUps: GiveUpEvent[] = [];
    const retry = retryIn(
      environment({
        backoff: THREE_ATTEMPTS,
        onRetry: (event) => retries.push(event),
        onGiveUp: (event) => giveUps.push(event),
      }),
    );

    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const request$ = cold<never>('-#', undefined, conflict);
      expectObservable(request$.pipe(retry)).toBe('13ms #', undefined, conflict);
      expectSubscriptions(request$.subscriptions).toBe(['^!', '6ms ^!', '12ms ^!']);
    });
    expect(retries.map(({ attempt, delay }) => [attempt, delay])).toEqual([
      [1, 5],
      [2, 5],
    ]);
    expect(giveUps).toEqual([{ attempts: 3, error: conflict }]);
  });

  it("should retry as client-go's DefaultRetry (5 attempts, 10ms apart and jittered) when the policy is empty", () => {
    const retries: RetryEvent[] = [];
    const retry = retryIn(environment({ onRetry: (event) => retries.push(event) }));

    testScheduler.run(({ cold, flush }) => {
      const request$ = cold<never>('#', undefined, conflict);
      request$.pipe(retry).subscribe({ error: () => undefined });
      flush();
      expect(request$.subscriptions.length).toBe(5);
    });
    expect(retries.length).toBe(4);
    for (const { delay } of retries) {
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThan(11);
    }
  });

  it('should pass a 500 through at once, after one attempt', () => {
    const retry = retryIn(environment({ backoff: THREE_ATTEMPTS }));

    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const request$ = cold<never>('-#', undefined, serverError);
      expectObservable(request$.pipe(retry)).toBe('-#', undefined, serverError);
      expectSubscriptions(request$.subscriptions).toBe(['^!']);
    });
  });

  it("should schedule the waits on the policy's scheduler, stretched by the policy's random", () => {
    const scheduler = new VirtualTimeScheduler();
    const attemptsAt: number[] = [];
    const retry = retryIn(
      environment({ backoff: { duration: 4, factor: 1, jitter: 1, steps: 3 }, scheduler, random: () => 0.5 }),
    );
    let delivered: unknown;
    failingAt(scheduler, attemptsAt)
      .pipe(retry)
      .subscribe({ error: (error: unknown) => (delivered = error) });

    expect(attemptsAt).toEqual([0]);
    scheduler.flush();
    // 4 + 0.5 * 1 * 4 = 6 ms, twice.
    expect(attemptsAt).toEqual([0, 6, 12]);
    expect(delivered).toBe(conflict);
  });

  it("should let a route's injector use a policy of its own, and leave the root's as it was", () => {
    const root = environment({ backoff: THREE_ATTEMPTS });
    const route = createEnvironmentInjector(
      [provideRetryOnConflict({ backoff: { ...THREE_ATTEMPTS, steps: 2 } })],
      root,
    );
    injectors.push(route);

    testScheduler.run(({ cold, flush }) => {
      const fromRoute = cold<never>('#', undefined, conflict);
      const fromRoot = cold<never>('#', undefined, conflict);
      fromRoute.pipe(retryIn(route)).subscribe({ error: () => undefined });
      fromRoot.pipe(retryIn(root)).subscribe({ error: () => undefined });
      flush();
      expect(fromRoute.subscriptions.length).toBe(2);
      expect(fromRoot.subscriptions.length).toBe(3);
    });
  });

  it('should use the policy as it was when provided, not as its object was changed afterwards', () => {
    const policy: { backoff: Backoff; onRetry?: () => void } = { backoff: THREE_ATTEMPTS };
    const providers = provideRetryOnConflict(policy);
    policy.backoff = { ...THREE_ATTEMPTS, steps: 0 };
    policy.onRetry = () => {
      throw new Error('not the policy as provided');
    };
    const injector = createHttpEnvironment([providers]);
    injectors.push(injector);

    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const request$ = cold<never>('#', undefined, conflict);
      expectObservable(request$.pipe(retryIn(injector))).toBe('10ms #', undefined, conflict);
      expectSubscriptions(request$.subscriptions).toBe(['(^!)', '5ms (^!)', '10ms (^!)']);
    });
  });

  describe('checking the policy when called, with the messages of retryOnConflict', () => {
    const badPolicies: Array<[string, RetryOnConflictPolicy, () => unknown]> = [
      [
        '0 steps',
        { backoff: { ...THREE_ATTEMPTS, steps: 0 } },
        () => retryOnConflict({ ...THREE_ATTEMPTS, steps: 0 }),
      ],
      [
        'a negative duration',
        { backoff: { ...THREE_ATTEMPTS, duration: -1 } },
        () => retryOnConflict({ ...THREE_ATTEMPTS, duration: -1 }),
      ],
      [
        'an onRetry that is not a function',
        { onRetry: 'log' as unknown as () => void },
        () => retryOnConflict(undefined, { onRetry: 'log' as unknown as () => void }),
      ],
      [
        'a scheduler without schedule()',
        { scheduler: {} as SchedulerLike },
        () => retryOnConflict(undefined, { scheduler: {} as SchedulerLike }),
      ],
    ];

    for (const [fault, policy, operatorWithSameFault] of badPolicies) {
      it(`should throw what retryOnConflict throws for ${fault}`, () => {
        const expected = thrownBy(operatorWithSameFault);
        const thrown = thrownBy(() => provideRetryOnConflict(policy));

        expect(thrown).toBeInstanceOf(expected.constructor);
        expect(thrown.message).toBe(expected.message);
        expect(infoOf(() => provideRetryOnConflict(policy))).toEqual(infoOf(operatorWithSameFault));
      });
    }

    it('should take a backoff of null as a backoff, not as the default, as retryOnConflict does', () => {
      expect(() => provideRetryOnConflict({ backoff: null as unknown as Backoff })).toThrowError(
        TypeError,
        'Backoff must be an object, got null',
      );
    });

    it('should throw "Backoff.steps must be an integer >= 1, got 0" as a RangeError', () => {
      expect(() => provideRetryOnConflict({ backoff: { ...THREE_ATTEMPTS, steps: 0 } })).toThrowMatching(
        (error) =>
          error instanceof RangeError && error.message === 'Backoff.steps must be an integer >= 1, got 0',
      );
    });

    it('should throw a TypeError naming RetryOnConflictPolicy when the policy is not an object', () => {
      expect(() => provideRetryOnConflict(null as unknown as RetryOnConflictPolicy)).toThrowMatching(
        (error) =>
          error instanceof TypeError && error.message === 'RetryOnConflictPolicy must be an object, got null',
      );
      for (const policy of ['fast', 5, () => ({})]) {
        expect(infoOf(() => provideRetryOnConflict(policy as unknown as RetryOnConflictPolicy))).toEqual({
          problem: 'invalid',
          field: 'RetryOnConflictPolicy',
          rule: 'be an object',
          value: policy,
        });
      }
    });

    it('should take no policy as the empty one', () => {
      const injector = createHttpEnvironment([provideRetryOnConflict()]);
      injectors.push(injector);

      testScheduler.run(({ cold, flush }) => {
        const request$ = cold<never>('#', undefined, conflict);
        request$.pipe(retryIn(injector)).subscribe({ error: () => undefined });
        flush();
        expect(request$.subscriptions.length).toBe(5);
      });
    });
  });
});

/** A source that fails with the 409 at once, noting the scheduler's time of each subscription. */
function failingAt(scheduler: SchedulerLike, attemptsAt: number[]): Observable<never> {
  return defer(() => {
    attemptsAt.push(scheduler.now());
    return throwError(() => conflict);
  });
}
