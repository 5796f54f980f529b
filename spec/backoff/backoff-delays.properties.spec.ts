import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelays, type Backoff } from '../../src/index.js';
import { randomNumbers, validBackoff } from '../support/arbitraries.js';
import { expectProperty } from '../support/expect-property.js';
import { randomSequence } from '../support/scripted-source.js';

const toNs = (ms: number): number => Math.round(ms * 1e6);

/**
 * The un-jittered schedule in nanoseconds, from its definition: `duration`, then each duration
 * times `factor` (truncated, as Go's int64 `time.Duration` is), one wait fewer than `steps`; and
 * Go's cap rule, under which the wait whose successor would pass the cap is the last one.
 */
function plainScheduleNs(backoff: Backoff): number[] {
  const capNs = toNs(backoff.cap ?? 0);
  const waits: number[] = [];
  let durationNs = toNs(backoff.duration);
  while (waits.length < backoff.steps - 1) {
    waits.push(durationNs);
    if (backoff.factor === 0) continue;
    durationNs = Math.trunc(durationNs * backoff.factor);
    if (capNs > 0 && durationNs > capNs) break;
  }
  return waits;
}

const numRuns = 500;

describe('backoffDelays, for arbitrary valid backoffs and random numbers', () => {
  it('should put every wait in [d, d * (1 + jitter)] of the un-jittered schedule', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const waitsNs = backoffDelays(backoff, randomSequence(randoms).random).map(toNs);
        const plainNs = plainScheduleNs(backoff);
        assert.equal(waitsNs.length, plainNs.length, 'number of waits');
        waitsNs.forEach((waitNs, i) => {
          const d = plainNs[i]!;
          assert.ok(waitNs >= d && waitNs <= d * (1 + backoff.jitter), `wait ${i}: ${waitNs}ns, d = ${d}ns`);
        });
      }),
      { numRuns },
    );
  });

  it('should follow the un-jittered schedule exactly when jitter is 0 or random returns 0', () => {
    expectProperty(
      fc.property(validBackoff, (backoff) => {
        const plainNs = plainScheduleNs(backoff);
        assert.deepEqual(backoffDelays({ ...backoff, jitter: 0 }).map(toNs), plainNs);
        assert.deepEqual(backoffDelays(backoff, () => 0).map(toNs), plainNs);
      }),
      { numRuns },
    );
  });

  it('should add exactly trunc(random * jitter * d) nanoseconds to each wait', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const { random } = randomSequence(randoms);
        const plainNs = plainScheduleNs(backoff);
        const expectedNs = plainNs.map((d) => d + Math.trunc(random() * backoff.jitter * d));
        const waitsNs = backoffDelays(backoff, randomSequence(randoms).random).map(toNs);
        assert.deepEqual(waitsNs, backoff.jitter > 0 ? expectedNs : plainNs);
      }),
      { numRuns },
    );
  });

  it('should call random once per wait when jitter > 0, and never when jitter is 0', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const { random, calls } = randomSequence(randoms);
        const waits = backoffDelays(backoff, random);
        assert.equal(calls(), backoff.jitter > 0 ? waits.length : 0);
      }),
      { numRuns },
    );
  });

  it('should make at most steps - 1 waits, each finite and >= 0, and give the same waits for the same numbers', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const waits = backoffDelays(backoff, randomSequence(randoms).random);
        assert.ok(waits.length <= backoff.steps - 1, `${waits.length} waits for ${backoff.steps} steps`);
        assert.ok(waits.every((wait) => Number.isFinite(wait) && wait >= 0));
        assert.deepEqual(backoffDelays(backoff, randomSequence(randoms).random), waits, 'a second call');
      }),
      { numRuns },
    );
  });

  it('should leave the backoff it is given unchanged', () => {
    expectProperty(
      fc.property(validBackoff, randomNumbers, (backoff, randoms) => {
        const before = { ...backoff };
        backoffDelays(backoff, randomSequence(randoms).random);
        assert.deepEqual(backoff, before);
      }),
      { numRuns: 100 },
    );
  });
});
