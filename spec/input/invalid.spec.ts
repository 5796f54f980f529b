import { invalid } from '../../src/input/invalid.js';

describe('invalid', () => {
  const shown: [unknown, string][] = [
    ['10', '"10"'],
    [10, '10'],
    [10n, '10n'],
    [Number.NaN, 'NaN'],
    [undefined, 'undefined'],
    [null, 'null'],
    [() => 'source', 'a function'],
    [{ steps: 3 }, 'an object'],
  ];
  for (const [value, text] of shown) {
    it(`should throw "name must rule, got ${text}", keeping ${text} apart from look-alikes`, () => {
      expect(() => invalid(RangeError, 'Backoff.steps', 'be an integer >= 1', value)).toThrowError(
        RangeError,
        `Backoff.steps must be an integer >= 1, got ${text}`,
      );
    });
  }

  it('should throw the error type it is given', () => {
    expect(() => invalid(TypeError, 'retriable', 'be a function', 'yes')).toThrowError(
      TypeError,
      'retriable must be a function, got "yes"',
    );
  });
});
