import { instrumentClaims, parseClaim } from './example-claims.js';

describe('parseClaim: what a trailing comment of an example says', () => {
  it('should read a literal value, and stop where prose follows it', () => {
    expect(parseClaim(' [10, 20]')).toEqual({ kind: 'value', expected: '[10, 20]' });
    expect(parseClaim(' [10, 20]: cap rule')).toEqual({ kind: 'value', expected: '[10, 20]' });
    expect(parseClaim(' true  (HttpErrorResponse-like)')).toEqual({ kind: 'value', expected: 'true' });
    expect(parseClaim(" '11 ms'")).toEqual({ kind: 'value', expected: "'11 ms'" });
    expect(parseClaim(' -0.25')).toEqual({ kind: 'value', expected: '-0.25' });
    expect(parseClaim(' { ...DefaultRetry, steps: 8, cap: 0 }')).toEqual({
      kind: 'value',
      expected: '{ ...DefaultRetry, steps: 8, cap: 0 }',
    });
    expect(parseClaim(' undefined')).toEqual({ kind: 'value', expected: 'undefined' });
  });

  it('should read a thrown error: its name, and its message whole or, ending in ..., as a prefix', () => {
    expect(parseClaim(' throws RangeError: Backoff.steps must be an integer >= 1, got 0')).toEqual({
      kind: 'throws',
      name: 'RangeError',
      message: 'Backoff.steps must be an integer >= 1, got 0',
      prefix: false,
    });
    expect(parseClaim(' throws UsageError: --steps: Backoff.steps must be ...')).toEqual({
      kind: 'throws',
      name: 'UsageError',
      message: '--steps: Backoff.steps must be',
      prefix: true,
    });
    expect(parseClaim(' throws TypeError')).toEqual({
      kind: 'throws',
      name: 'TypeError',
      message: undefined,
      prefix: false,
    });
  });

  it('should take a comment that starts with a word, or with a call, as prose', () => {
    expect(parseClaim(' the same as retryOnConflict()')).toBeUndefined();
    expect(parseClaim(' DefaultRetry: 5 attempts')).toBeUndefined();
    expect(parseClaim(' ten attempts, ~10 ms apart')).toBeUndefined();
    expect(parseClaim(' retryOnConflict()')).toBeUndefined();
  });
});

describe('instrumentClaims', () => {
  it('should put a check in place of each claimed statement, on the same line', () => {
    const { code, claims } = instrumentClaims(
      [
        'const a = [1, 2]; // [1, 2]',
        'a.length; // 2',
        '// 3: a full-line comment is prose',
        'a.push(3);',
      ].join('\n'),
      'checker',
    );

    expect(claims).toBe(2);
    expect(code.split('\n')).toEqual([
      'const a = [1, 2]; checker().value(0, () => a, () => ([1, 2]));',
      'checker().value(1, () => (a.length), () => (2));',
      '// 3: a full-line comment is prose',
      'a.push(3);',
    ]);
  });

  it('should await a statement that awaits, and wrap a statement said to throw', () => {
    const { code } = instrumentClaims(
      ['await p; // 3', "JSON.parse('x'); // throws SyntaxError"].join('\n'),
      'checker',
    );

    expect(code.split('\n')).toEqual([
      'await checker().valueAsync(0, async () => (await p), () => (3));',
      'checker().throws(1, () => { JSON.parse(\'x\'); }, "SyntaxError", undefined, false);',
    ]);
  });

  it('should check a claim inside a block, and refuse one after a destructuring', () => {
    expect(instrumentClaims('if (ok) { value; // 1\n}', 'checker').claims).toBe(1);
    expect(() => instrumentClaims('const { a, b } = pair; // 1', 'checker')).toThrowError(
      /a claim after a declaration must be a value, about one plain name/,
    );
  });
});
