import { checkedRandom } from '../../src/backoff/checked-random.js';

describe('checkedRandom', () => {
  it('should pass on a value in [0, 1) as it is', () => {
    expect(checkedRandom(() => 0, 'random')()).toBe(0);
    expect(checkedRandom(() => 1 - 2 ** -53, 'random')()).toBe(1 - 2 ** -53);
  });

  for (const value of [-1, 1, Number.NaN, '0.5']) {
    it(`should throw a RangeError naming random as its caller calls it, for ${String(value)}`, () => {
      expect(() => checkedRandom(() => value as number, 'plan: random')()).toThrowError(
        RangeError,
        `plan: random must return a number in [0, 1), got ${typeof value === 'string' ? `"${value}"` : String(value)}`,
      );
    });
  }
});
