// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { createEnvironmentInjector, runInInjectionContext, type EnvironmentInjector } from '@angular/core';
import { lastValueFrom, type Observable, type SchedulerLike } from 'rxjs';
import { retryOnConflict, type Backoff, type GiveUpEvent, type RetryEvent } from '../../src/index.js';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import { provideRetryOnConflict } from '../../src/angular/provide-retry-on-conflict.js';
import type { RetryOnConflictPolicy } from '../../src/angular/retry-policy.js';
import { CountingScheduler } from '../support/counting-scheduler.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { startReplyServer, type ReplyServer } from '../support/reply-server.js';
import { infoOf } from '../support/input-error-info.js';
import { thrownBy } from '../support/thrown-by.js';

/** Three attempts, 5ms apart: short real waits, an exact attempt count. */
const THREE_ATTEMPTS: Backoff = { duration: 5, factor: 1, jitter: 0, steps: 3 };

describe('provideRetryOnConflict', () => {
  // `/always/NNN` always answers NNN.
  let server: ReplyServer;
  let pathsUsed = 0;
  const injectors: EnvironmentInjector[] = [];

  beforeAll(async () => {
    server = await startReplyServer((path) => {
      const status = Number(path.split('/')[2]);
      return { status, body: { error: status === 409 ? 'conflict' : 'failure' } };
    });
  });

  afterEach(() => {
    for (const injector of injectors.splice(0).reverse()) injector.destroy();
  });

  afterAll(async () => {
    await closeAndExpectStopped(server);
  });

  function environment(...policies: RetryOnConflictPolicy[]): EnvironmentInjector {
    const injector = createHttpEnvironment(policies.map((policy) => provideRetryOnConflict(policy)));
    injectors.push(injector);
    return injector;
  }

  /** A GET of a fresh path that always answers `status`, retried by the injector's operator. */
  function alwaysFailing(
    injector: EnvironmentInjector,
    status: number,
  ): { path: string; get$: Observable<unknown> } {
    const path = `/always/${status}/${++pathsUsed}`;
    const get$ = injector.get(HttpClient).get(`${server.url}${path}`);
    return { path, get$: get$.pipe(runInInjectionContext(injector, () => injectRetryOnConflict())) };
  }

  it('should send `steps` requests with the policy backoff, tell onGiveUp, then deliver the 409 HttpErrorResponse', async () => {
    const retries: RetryEvent[] = [];
    const giveUps: GiveUpEvent[] = [];
    const injector = environment({
      backoff: THREE_ATTEMPTS,
      onRetry: (event) => retries.push(event),
      onGiveUp: (event) => giveUps.push(event),
    });
    const { path, get$ } = alwaysFailing(injector, 409);

    const error = await lastValueFrom(get$).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(409);
    expect(server.requestsTo(path)).toBe(3);
    expect(retries.map(({ attempt, delay }) => [attempt, delay])).toEqual([
      [1, 5],
      [2, 5],
    ]);
    expect(giveUps).toEqual([{ attempts: 3, error }]);
  });

  it("should retry as client-go's DefaultRetry (5 requests) when the policy is empty", async () => {
    const { path, get$ } = alwaysFailing(environment({}), 409);

    await expectAsync(lastValueFrom(get$)).toBeRejectedWith(jasmine.objectContaining({ status: 409 }));
    expect(server.requestsTo(path)).toBe(5);
  });

  it('should pass a 500 through after one request', async () => {
    const { path, get$ } = alwaysFailing(environment({ backoff: THREE_ATTEMPTS }), 500);

    await expectAsync(lastValueFrom(get$)).toBeRejectedWith(jasmine.objectContaining({ status: 500 }));
    expect(server.requestsTo(path)).toBe(1);
  });

  it("should schedule the waits on the policy's scheduler, stretched by the policy's random", async () => {
    const scheduler = new CountingScheduler();
    const delays: number[] = [];
    const injector = environment({
      backoff: { duration: 4, factor: 1, jitter: 1, steps: 3 },
      scheduler,
      random: () => 0.5,
      onRetry: ({ delay }) => delays.push(delay),
    });
    const { get$ } = alwaysFailing(injector, 409);

    await expectAsync(lastValueFrom(get$)).toBeRejected();
    // Two waits, each at least one timer on this scheduler; a timer that fires before its time by
    // the scheduler's clock is followed by another for the rest, so there may be more.
    expect(scheduler.scheduled).toBeGreaterThanOrEqual(2);
    expect(delays).toEqual([6, 6]);
  });

  it("should let a route's injector use a policy of its own, and leave the root's as it was", async () => {
    const root = environment({ backoff: THREE_ATTEMPTS });
    const route = createEnvironmentInjector(
      [provideRetryOnConflict({ backoff: { ...THREE_ATTEMPTS, steps: 2 } })],
      root,
    );
    injectors.push(route);
    const fromRoute = alwaysFailing(route, 409);
    const fromRoot = alwaysFailing(root, 409);

    await expectAsync(lastValueFrom(fromRoute.get$)).toBeRejected();
    await expectAsync(lastValueFrom(fromRoot.get$)).toBeRejected();
    expect(server.requestsTo(fromRoute.path)).toBe(2);
    expect(server.requestsTo(fromRoot.path)).toBe(3);
  });

  it('should use the policy as it was when provided, not as its object was changed afterwards', async () => {
    const policy = { backoff: THREE_ATTEMPTS };
    const providers = provideRetryOnConflict(policy);
    policy.backoff = { ...THREE_ATTEMPTS, steps: 0 };
    const injector = createHttpEnvironment([providers]);
    injectors.push(injector);
    const { path, get$ } = alwaysFailing(injector, 409);

    await expectAsync(lastValueFrom(get$)).toBeRejected();
    expect(server.requestsTo(path)).toBe(3);
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
  });
});
