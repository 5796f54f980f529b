import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Observable, type SchedulerLike } from 'rxjs';
import {
  backoffDelays,
  DefaultRetry,
  onError,
  retryOnConflict,
  type Backoff,
  type RetryOptions,
} from '../../src/index.js';
import { validBackoff } from '../support/arbitraries.js';
import { expectProperty } from '../support/expect-property.js';
import { thrownBy } from '../support/thrown-by.js';

type BackoffField = 'duration' | 'factor' | 'jitter' | 'steps' | 'cap';

/**
 * One field of a valid backoff set to a bad value (`missing`: the key removed), the error it must
 * raise, and how the message must show the value (so that `'10'`, `10`, `NaN` and `undefined` stay apart).
 */
interface Corruption {
  readonly field: BackoffField;
  readonly value: unknown;
  readonly shown: string;
  readonly missing?: true;
  readonly throws: 'RangeError' | 'TypeError';
}

/** A bad value and how an error message shows it. */
type Shown = readonly [value: unknown, shown: string];

const shownAsNumber = (value: number): Shown => [value, String(value)];

/** Numbers no field accepts: NaN, infinities and negatives. */
const badNumber: fc.Arbitrary<Shown> = fc
  .oneof(
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -0.001),
    fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  )
  .map(shownAsNumber);

/** Values of the wrong type for any numeric field. */
const WRONG_TYPES: readonly Shown[] = [
  ['10', '"10"'],
  ['', '""'],
  [null, 'null'],
  [true, 'true'],
  [{}, 'an object'],
  [new Date(0), 'an object'],
  [[], 'an object'],
  [[10], 'an object'],
  [10n, '10n'],
  [() => 10, 'a function'],
];

const notANumber: fc.Arbitrary<Shown> = fc.oneof(
  fc.constantFrom(...WRONG_TYPES),
  fc.string({ maxLength: 4 }).map((text): Shown => [text, JSON.stringify(text)]),
);

const FIELDS: readonly BackoffField[] = ['duration', 'factor', 'jitter', 'steps', 'cap'];
const anyField = fc.constantFrom(...FIELDS);

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc
    .record({ field: anyField, bad: badNumber })
    .map(({ field, bad: [value, shown] }) => ({ field, value, shown, throws: 'RangeError' as const })),
  fc
    .record({ field: anyField, bad: notANumber })
    .map(({ field, bad: [value, shown] }) => ({ field, value, shown, throws: 'TypeError' as const })),
  fc.constantFrom<BackoffField>('duration', 'factor', 'jitter', 'steps').map((field) => ({
    field,
    value: undefined,
    shown: 'undefined',
    missing: true as const,
    throws: 'TypeError' as const,
  })),
  fc
    .oneof(
      fc.constantFrom(0, -0, 0.5, 1.5, 2 ** 53, Number.MAX_VALUE),
      fc.double({ min: 1, max: 100, noNaN: true }).filter((steps) => !Number.isInteger(steps)),
    )
    .map(shownAsNumber)
    .map(([value, shown]) => ({ field: 'steps' as const, value, shown, throws: 'RangeError' as const })),
  // Waits past Go's longest time.Duration (2^63 - 1 ns, about 106 days).
  fc
    .record({
      field: fc.constantFrom<BackoffField>('duration', 'cap'),
      value: fc.double({ min: 2 ** 63 / 1e6, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
    })
    .map(({ field, value }) => ({ field, value, shown: String(value), throws: 'RangeError' as const })),
);

function corrupt(backoff: Backoff, { field, value, missing }: Corruption): Backoff {
  const corrupted: Record<string, unknown> = { ...backoff };
  if (missing) Reflect.deleteProperty(corrupted, field);
  else corrupted[field] = value;
  return corrupted as unknown as Backoff;
}

/** A source that counts its subscriptions: an invalid config must not get as far as subscribing. */
function countingSource(): { readonly source: Observable<never>; subscriptions: () => number } {
  let subscriptions = 0;
  return {
    source: new Observable<never>(() => {
      subscriptions++;
    }),
    subscriptions: () => subscriptions,
  };
}

describe('Backoff validation, for arbitrary invalid configs', () => {
  it('should throw a RangeError or TypeError naming the bad field from backoffDelays, onError and retryOnConflict', () => {
    expectProperty(
      fc.property(validBackoff, corruption, (valid, bad) => {
        const backoff = corrupt(valid, bad);
        const { source, subscriptions } = countingSource();
        let randomCalls = 0;
        const random = (): number => (randomCalls++, 0.5);
        const creators = {
          backoffDelays: () => backoffDelays(backoff, random),
          onError: () => source.pipe(onError(backoff, () => true, { random })).subscribe({ error: () => {} }),
          retryOnConflict: () =>
            source.pipe(retryOnConflict(backoff, { random })).subscribe({ error: () => {} }),
        };
        for (const [name, create] of Object.entries(creators)) {
          const error = thrownBy(create);
          assert.equal(error.name, bad.throws, `${name}: ${error.message}`);
          assert.ok(error.message.startsWith(`Backoff.${bad.field} must be `), `${name}: ${error.message}`);
          assert.ok(
            error.message.endsWith(`, got ${bad.shown}`),
            `${name} shows the value: ${error.message}`,
          );
        }
        assert.equal(subscriptions(), 0, 'source subscriptions');
        assert.equal(randomCalls, 0, 'calls of random');
      }),
      {
        numRuns: 500,
        // Always tried: every kind of wrong type in every field, and the first duration past Go's.
        examples: [
          ...WRONG_TYPES.flatMap(([value, shown]) =>
            FIELDS.map((field): [Backoff, Corruption] => [
              DefaultRetry,
              { field, value, shown, throws: 'TypeError' },
            ]),
          ),
          ...(['duration', 'cap'] as const).map((field): [Backoff, Corruption] => [
            DefaultRetry,
            { field, value: 2 ** 63 / 1e6, shown: String(2 ** 63 / 1e6), throws: 'RangeError' },
          ]),
        ],
      },
    );
  });

  it('should throw a TypeError for a backoff that is not an object', () => {
    expectProperty(
      fc.property(
        fc.oneof(fc.constantFrom<unknown>(null, undefined, 10, 'DefaultRetry', true), fc.string()),
        (value) => {
          const backoff = value as Backoff;
          const creators = [() => backoffDelays(backoff), () => onError(backoff, () => true)];
          // retryOnConflict(undefined) means its default backoff, DefaultRetry.
          if (backoff !== undefined) creators.push(() => retryOnConflict(backoff));
          for (const create of creators) {
            const error = thrownBy(create);
            assert.equal(error.name, 'TypeError', error.message);
            assert.match(error.message, /^Backoff must be an object/);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('RetryOptions validation, for arbitrary invalid options', () => {
  const notAFunction = fc.constantFrom<unknown>(null, 0, 'Math.random', {}, [], true);

  const badOptions: fc.Arbitrary<{ readonly options: unknown; readonly names: string }> = fc.oneof(
    fc.record({
      options: fc.constantFrom<unknown>(null, 5, 'fast', true),
      names: fc.constant('RetryOptions'),
    }),
    notAFunction.map((random) => ({ options: { random }, names: 'RetryOptions.random' })),
    notAFunction.map((onRetry) => ({ options: { onRetry }, names: 'RetryOptions.onRetry' })),
    fc
      .constantFrom<unknown>(null, 0, 'async', {}, { schedule: 'soon' }, { now: () => 0 })
      .map((scheduler) => ({ options: { scheduler }, names: 'RetryOptions.scheduler' })),
  );

  it('should throw a TypeError naming the option, before anything is subscribed', () => {
    expectProperty(
      fc.property(validBackoff, badOptions, (backoff, { options, names }) => {
        const { source, subscriptions } = countingSource();
        for (const create of [
          () =>
            source.pipe(onError(backoff, () => true, options as RetryOptions)).subscribe({ error: () => {} }),
          () => source.pipe(retryOnConflict(backoff, options as RetryOptions)).subscribe({ error: () => {} }),
        ]) {
          const error = thrownBy(create);
          assert.equal(error.name, 'TypeError', error.message);
          assert.ok(error.message.startsWith(names), error.message);
        }
        assert.equal(subscriptions(), 0, 'source subscriptions');
      }),
      { numRuns: 100 },
    );
  });

  it('should throw a TypeError when retriable is not a function', () => {
    expectProperty(
      fc.property(validBackoff, notAFunction, (backoff, retriable) => {
        const error = thrownBy(() => onError(backoff, retriable as (error: unknown) => boolean));
        assert.equal(error.name, 'TypeError');
        assert.match(error.message, /retriable must be a function/);
      }),
      { numRuns: 50 },
    );
  });

  it('should accept any valid backoff with every option given or left out', () => {
    const scheduler: SchedulerLike = {
      now: () => 0,
      schedule: () => assert.fail('nothing fails, nothing waits'),
    };
    expectProperty(
      fc.property(
        validBackoff,
        fc.subarray(['scheduler', 'random', 'onRetry'] as const),
        (backoff, given) => {
          const options: Record<string, unknown> = {};
          if (given.includes('scheduler')) options['scheduler'] = scheduler;
          if (given.includes('random')) options['random'] = () => 0;
          if (given.includes('onRetry')) options['onRetry'] = () => {};
          const values: number[] = [];
          new Observable<number>((subscriber) => {
            subscriber.next(1);
            subscriber.complete();
          })
            .pipe(onError(backoff, () => true, options))
            .subscribe((value) => values.push(value));
          assert.deepEqual(values, [1]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
