import { UsageError } from '../../src/cli/backoff-flags.js';
import { integerFlag } from '../../src/cli/integer-flag.js';

describe('integerFlag', () => {
  it('should read an integer within its range, and give the fallback when the flag is absent', () => {
    expect(integerFlag('writers', '20', 100, 1, 500)).toBe(20);
    expect(integerFlag('writers', '500', 100, 1, 500)).toBe(500);
    expect(integerFlag('writers', undefined, 100, 1, 500)).toBe(100);
  });

  it('should name the flag, its range and the text given for a fraction, a value out of range or a non-number', () => {
    expect(() => integerFlag('writers', '2.5', 100, 1, 500)).toThrowError(
      UsageError,
      '--writers must be an integer from 1 to 500, got "2.5"',
    );
    expect(() => integerFlag('runs', '0', 5, 1, 100)).toThrowError(
      UsageError,
      '--runs must be an integer from 1 to 100, got "0"',
    );
    expect(() => integerFlag('runs', 'five', 5, 1, 100)).toThrowError(
      UsageError,
      '--runs must be a decimal number, got "five"',
    );
  });
});
