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
  });
});
