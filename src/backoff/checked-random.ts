import { invalid } from '../input/invalid.js';

/**
 * A user's `random` whose every value is checked to be in [0, 1), named `name` in the error: the
 * jitter of a wait is only Go's when `random()` keeps to the range of `rand.Float64`.
 * @internal
 */
export function checkedRandom(random: () => number, name: string): () => number {
  return () => {
    const value = random();
    if (typeof value !== 'number' || !(value >= 0 && value < 1))
      invalid(RangeError, name, 'return a number in [0, 1)', value);
    return value;
  };
}
