import { DefaultBackoff } from '../../../src/index.js';
import {
  AWS_BACKOFF_NAMES,
  awsBackoffs,
  fullJitter,
  fullJitterOf,
  goJitter,
} from '../../../src/cli/simulate/wait-functions.js';

describe('awsBackoffs', () => {
  const waits = awsBackoffs(5, 2000);

  it("should compute the AWS post's exponential backoff: base · 2^retry, capped (retry 1 waits 10 ms)", () => {
    const exponential = waits.exponential();

    expect([1, 2, 3, 8, 9, 30].map((retry) => exponential(retry, Math.random))).toEqual([
      10, 20, 40, 1280, 2000, 2000,
    ]);
  });

  it('should draw equal jitter from expo/2 .. expo and full jitter from 0 .. expo', () => {
    expect(waits.equalJitter()(2, () => 0)).toBe(10);
    expect(waits.equalJitter()(2, () => 0.5)).toBe(15);
    expect(waits.fullJitter()(2, () => 0)).toBe(0);
    expect(waits.fullJitter()(2, () => 0.5)).toBe(10);
  });

  it('should grow decorrelated jitter from the last wait, uniform(base, 3 · last), capped, anew for each update', () => {
    const first = waits.decorrelated();

    expect(first(1, () => 0.5)).toBe(10); // uniform(5, 15)
    expect(first(2, () => 0.5)).toBe(17.5); // uniform(5, 30)
    expect(first(3, () => 1 - 2 ** -53)).toBeCloseTo(52.5, 6); // just under 3 · 17.5
    expect(waits.decorrelated()(1, () => 0.5)).toBe(10);
    const capped = awsBackoffs(5, 12).decorrelated();

    expect(capped(1, () => 0.9)).toBe(12);
  });

  it('should not wait at all for "none", and name the five in the post\'s order', () => {
    expect(waits.none()(5, Math.random)).toBe(0);
    expect(AWS_BACKOFF_NAMES).toEqual(['exponential', 'decorrelated', 'equalJitter', 'fullJitter', 'none']);
  });
});

describe('goJitter and fullJitter', () => {
  it("should keep Go's waits within d .. d·(1+j) and full jitter's within 0 .. d", () => {
    expect(goJitter(10, 1, () => 0)).toBe(10);
    expect(goJitter(10, 0.1, () => 0.5)).toBe(10.5);
    expect(fullJitter(10, () => 0)).toBe(0);
    expect(fullJitter(10, () => 0.25)).toBe(2.5);
  });
});

describe('fullJitterOf', () => {
  it("should keep a Go backoff's durations and attempts, drawing each wait from 0 .. d", () => {
    const { schedule, maxAttempts } = fullJitterOf(DefaultBackoff);
    const wait = schedule();

    expect(maxAttempts).toBe(4);
    expect([1, 2, 3].map((retry) => wait(retry, () => 0.5))).toEqual([5, 25, 125]);
  });

  it("should make as many attempts as Go's cap rule allows", () => {
    expect(fullJitterOf({ duration: 10, factor: 2, jitter: 0, steps: 6, cap: 30 }).maxAttempts).toBe(2);
  });
});
