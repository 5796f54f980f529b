import { formatMs } from '../../src/plan/format-ms.js';

describe('formatMs', () => {
  it('should print milliseconds with at most three decimals below 10 s', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(10.999999)).toBe('11 ms');
    expect(formatMs(0.0015)).toBe('0.002 ms');
    expect(formatMs(9_999.9994)).toBe('9999.999 ms');
  });

  it('should print seconds, with at most three decimals, from 10 s on', () => {
    expect(formatMs(10_000)).toBe('10 s');
    expect(formatMs(38_249.999992)).toBe('38.25 s');
    expect(formatMs(59_999.4)).toBe('59.999 s');
  });

  it('should print the two largest whole units beside the exact milliseconds from a minute on', () => {
    expect(formatMs(60_000)).toBe('1 min (60000 ms)');
    expect(formatMs(59_999.9999)).toBe('1 min (60000 ms)');
    expect(formatMs(105_000)).toBe('1 min 45 s (105000 ms)');
    expect(formatMs(3_725_500.25)).toBe('1 h 2 min (3725500.25 ms)');
    expect(formatMs(86_400_000)).toBe('1 d (86400000 ms)');
    expect(formatMs(2 * 86_400_000 + 3_600_000)).toBe('2 d 1 h (176400000 ms)');
    expect(formatMs(365 * 86_400_000)).toBe('1 year (31536000000 ms)');
    expect(formatMs(12_094_627_905_525.525)).toBe('383 years 189 d (12094627905525.525 ms)');
  });
});
