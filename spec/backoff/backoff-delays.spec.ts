import { MAX_LISTED_STEPS } from '../../src/backoff/backoff-schedule.js';
import { backoffDelays, DefaultBackoff, DefaultRetry } from '../../src/index.js';
import { describeCase, goParityCases, replayRandom, toBackoff } from '../support/go-parity.js';

const toNs = (delays: number[]) => delays.map((ms) => Math.round(ms * 1e6));

describe('backoffDelays', () => {
  it('gives DefaultRetry four waits of 10ms..11ms: one fewer than its five attempts', () => {
    expect(backoffDelays(DefaultRetry, () => 0)).toEqual([10, 10, 10, 10]);
    expect(backoffDelays(DefaultRetry, () => 0.5)).toEqual([10.5, 10.5, 10.5, 10.5]);
  });

  it('gives DefaultBackoff 10ms, 50ms, 250ms before jitter', () => {
    expect(backoffDelays(DefaultBackoff, () => 0)).toEqual([10, 50, 250]);
  });

  it('gives no wait at all for a single step', () => {
    const random = jasmine.createSpy('random').and.returnValue(0.5);
    expect(backoffDelays({ duration: 10, factor: 2, jitter: 0.5, steps: 1 }, random)).toEqual([]);
    expect(random).not.toHaveBeenCalled();
  });

  it('jitters each wait by random() * jitter * duration, calling random once per wait (Go rule 2)', () => {
    const random = jasmine.createSpy('random').and.returnValues(0.25, 0.75);
    expect(backoffDelays({ duration: 100, factor: 2, jitter: 0.4, steps: 3 }, random)).toEqual([110, 260]);
    expect(random).toHaveBeenCalledTimes(2);
  });

  it('never calls random when jitter is 0', () => {
    const random = jasmine.createSpy('random');
    expect(backoffDelays({ duration: 5, factor: 3, jitter: 0, steps: 4 }, random)).toEqual([5, 15, 45]);
    expect(random).not.toHaveBeenCalled();
  });

  it('keeps the duration unchanged when factor is 0', () => {
    expect(backoffDelays({ duration: 7, factor: 0, jitter: 0, steps: 4 })).toEqual([7, 7, 7]);
  });

  it('ends the retries after the wait in which the cap is hit (Go rule 3), not at a maximum delay', () => {
    // 10 → 20 → 40 > 30: the duration becomes 30 and steps drop to 0, so the 20ms wait is the last.
    expect(backoffDelays({ duration: 10, factor: 2, jitter: 0, steps: 6, cap: 30 })).toEqual([10, 20]);
  });

  it('lets the duration reach the cap exactly; the step that passes it is the last', () => {
    // 10 → 20 → 40 (= cap, no effect) → 80 > 40: the 40ms wait ends the run, one attempt short of 5.
    expect(backoffDelays({ duration: 10, factor: 2, jitter: 0, steps: 5, cap: 40 })).toEqual([10, 20, 40]);
    expect(backoffDelays({ duration: 10, factor: 2, jitter: 0, steps: 5, cap: 80 })).toEqual([
      10, 20, 40, 80,
    ]);
  });

  it('ignores the cap when factor is 0, as Go does', () => {
    expect(backoffDelays({ duration: 10, factor: 0, jitter: 0, steps: 3, cap: 5 })).toEqual([10, 10]);
  });

  it('truncates Duration * Factor to whole nanoseconds, as Go converts to time.Duration', () => {
    // 1ms * 1.0000005 = 1_000_000.5ns → 1_000_000ns; then 1_000_000.5ns again → 1_000_000ns.
    expect(toNs(backoffDelays({ duration: 1, factor: 1.0000005, jitter: 0, steps: 3 }))).toEqual([
      1_000_000, 1_000_000,
    ]);
  });

  it('truncates the jitter term toward zero in nanoseconds', () => {
    // 0.9999999 * 0.1 * 1_000_000ns = 99_999.99ns → 99_999ns.
    expect(toNs(backoffDelays({ duration: 1, factor: 1, jitter: 0.1, steps: 2 }, () => 0.9999999))).toEqual([
      1_099_999,
    ]);
  });

  it('rounds the configured milliseconds to the nearest nanosecond first', () => {
    expect(toNs(backoffDelays({ duration: 0.0000016, factor: 1, jitter: 0, steps: 2 }))).toEqual([2]);
  });

  it('throws a RangeError when random returns a value outside [0, 1)', () => {
    const backoff = { duration: 10, factor: 1, jitter: 0.1, steps: 2 };
    expect(() => backoffDelays(backoff, () => 1)).toThrowError(
      RangeError,
      /random must return a number in \[0, 1\), got 1/,
    );
    expect(() => backoffDelays(backoff, () => NaN)).toThrowError(RangeError, /got NaN/);
    expect(() => backoffDelays(backoff, () => -0.1)).toThrowError(RangeError, /got -0\.1/);
  });

  it('names its own random parameter when random is not a function, or returns a number outside [0, 1)', () => {
    const backoff = { duration: 10, factor: 1, jitter: 0.1, steps: 2 };
    expect(() => backoffDelays(backoff, 5 as unknown as () => number)).toThrowError(
      TypeError,
      'backoffDelays: random must be a function, got 5',
    );
    expect(() => backoffDelays(backoff, () => 1)).toThrowError(
      RangeError,
      'backoffDelays: random must return a number in [0, 1), got 1',
    );
  });

  it("throws a RangeError instead of overflowing Go's int64 durations", () => {
    const runaway = { duration: 1000, factor: 1e6, jitter: 0, steps: 6 };
    expect(() => backoffDelays(runaway)).toThrowError(RangeError, /Backoff overflow.*set a lower cap/);
    expect(backoffDelays({ ...runaway, cap: 3_600_000 })).toEqual([1000]);
  });

  it('computes a 100,000-step schedule', () => {
    const delays = backoffDelays({ duration: 1, factor: 1, jitter: 0, steps: 100_000 });
    expect(delays.length).toBe(99_999);
    expect(delays.every((ms) => ms === 1)).toBeTrue();
  });

  describe('Go parity (spec/fixtures/go-parity-sample.json)', () => {
    const runsToExhaustion = goParityCases.filter(
      (goCase) => goCase.backoff.steps > 0 && goCase.scenario.failuresBeforeSuccess === null,
    );

    it('has every always-failing case of the sample to check', () => {
      expect(runsToExhaustion.length).toBe(100);
    });

    runsToExhaustion.forEach((goCase) => {
      it(`sleeps as Go does, to the nanosecond: ${describeCase(goCase, goParityCases.indexOf(goCase))}`, () => {
        const { random, calls } = replayRandom(goCase.random);
        expect(toNs(backoffDelays(toBackoff(goCase), random))).toEqual([...goCase.sleepsNs]);
        expect(calls()).toBe(goCase.random.length);
      });
    });

    it('rejects every steps: 0 case, where Go would return nil without a call', () => {
      const stepsZero = goParityCases.filter((goCase) => goCase.backoff.steps === 0);
      expect(stepsZero.length).toBeGreaterThan(0);
      for (const goCase of stepsZero) {
        expect(goCase.result).toBe('nil');
        expect(() => backoffDelays(toBackoff(goCase))).toThrowError(
          RangeError,
          /Backoff\.steps must be an integer >= 1, got 0/,
        );
      }
    });
  });

  describe('a list that would not fit', () => {
    const BOUND = `be at most ${MAX_LISTED_STEPS} to list the waits (or a cap must end the retries sooner)`;

    it('should refuse a billion steps at once, naming the bound, before random is ever called', () => {
      let calls = 0;
      const random = () => (calls++, 0.5);
      expect(() => backoffDelays({ ...DefaultRetry, steps: 1e9 }, random)).toThrowError(
        RangeError,
        `Backoff.steps must ${BOUND}, got 1000000000`,
      );
      expect(calls).toBe(0);
    });

    it('should list as many waits as the bound allows, and refuse one more', () => {
      const flat = { steps: MAX_LISTED_STEPS, duration: 1, factor: 1, jitter: 0 };
      expect(backoffDelays(flat).length).toBe(MAX_LISTED_STEPS - 1);
      expect(() => backoffDelays({ ...flat, steps: MAX_LISTED_STEPS + 1 })).toThrowError(
        RangeError,
        `Backoff.steps must ${BOUND}, got ${MAX_LISTED_STEPS + 1}`,
      );
    });

    it('should list a run of any steps that the cap rule ends within the bound', () => {
      // 10 → 20 → 40 → 80 > 50: the cap rule ends the run after the third wait.
      expect(backoffDelays({ steps: 1e15, duration: 10, factor: 2, jitter: 0, cap: 50 })).toEqual([
        10, 20, 40,
      ]);
    });

    it('should refuse a run that the cap rule ends only past the bound', () => {
      const slow = { steps: 1e9, duration: 1, factor: 1.0001, jitter: 0, cap: 1e6 };
      expect(() => backoffDelays(slow)).toThrowError(
        RangeError,
        `Backoff.steps must ${BOUND}, got 1000000000`,
      );
    });
  });
});
