// First: it loads Angular's JIT compiler.
import { createHttpEnvironment } from '../support/angular-environment.js';
import { runInInjectionContext } from '@angular/core';
import { defer, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { injectRetryOnConflict } from '../../src/angular/inject-retry-on-conflict.js';
import {
  RETRY_ON_CONFLICT_OPERATOR,
  RETRY_ON_CONFLICT_POLICY,
  RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE,
} from '../../src/angular/retry-on-conflict-tokens.js';

describe('RETRY_ON_CONFLICT_POLICY', () => {
  it('should be the empty policy in a root injector that provides none', () => {
    const injector = createHttpEnvironment();
    try {
      expect(injector.get(RETRY_ON_CONFLICT_POLICY)).toEqual({});
    } finally {
      injector.destroy();
    }
  });

  it("should leave the operator at the library's defaults: 5 attempts, as DefaultRetry", () => {
    const injector = createHttpEnvironment();
    try {
      let subscriptions = 0;
      const failing$ = defer(() => {
        subscriptions++;
        return throwError(() => ({ status: 409 }));
      });
      const retry = runInInjectionContext(injector, () => injectRetryOnConflict<never>());

      let delivered: unknown;
      // On virtual time: inside run(), the asyncScheduler the operator waits on by default is virtual.
      new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(() => {
        failing$.pipe(retry).subscribe({ error: (error: unknown) => (delivered = error) });
      });

      expect(delivered).toEqual({ status: 409 });
      expect(subscriptions).toBe(5);
    } finally {
      injector.destroy();
    }
  });
});

describe('the injection tokens', () => {
  it("should each carry its name, which Angular's messages show", () => {
    expect(String(RETRY_ON_CONFLICT_POLICY)).toBe('InjectionToken RETRY_ON_CONFLICT_POLICY');
    expect(String(RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE)).toBe(
      'InjectionToken RETRY_ON_CONFLICT_SCHEDULER_OVERRIDE',
    );
    expect(String(RETRY_ON_CONFLICT_OPERATOR)).toBe('InjectionToken RETRY_ON_CONFLICT_OPERATOR');
  });
});
