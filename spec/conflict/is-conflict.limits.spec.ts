import { isConflict } from '../../src/index.js';

describe('isConflict on Status bodies near the size it reads', () => {
  const BODY_LIMIT = 64 * 1024;

  /** An API exception with code 500 whose JSON body, padded to `length` characters, is a Conflict Status. */
  function apiExceptionWithBodyOf(length: number): { code: number; body: string } {
    const status = { kind: 'Status', reason: 'Conflict', code: 409, message: '' };
    const padding = length - JSON.stringify(status).length;
    const body = JSON.stringify({ ...status, message: 'x'.repeat(padding) });
    expect(body.length).toBe(length);
    return { code: 500, body };
  }

  it('should read a Status JSON body one character shorter than 64 KiB', () => {
    expect(isConflict(apiExceptionWithBodyOf(BODY_LIMIT - 1))).toBeTrue();
  });

  it('should not parse a body of 64 KiB or more: a Status is small, and parsing is not free', () => {
    expect(isConflict(apiExceptionWithBodyOf(BODY_LIMIT))).toBeFalse();
  });
});
