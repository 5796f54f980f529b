import { isConflict } from '../../src/index.js';

describe('isConflict on Status bodies near the size it reads', () => {
  const MAX_STATUS_JSON_LENGTH = 64 * 1024;

  /** An API exception with code 500 whose JSON body, padded to `length` characters, is a Conflict Status. */
  function apiExceptionWithBodyOf(length: number): { code: number; body: string } {
    const status = { kind: 'Status', reason: 'Conflict', code: 409, message: '' };
    const padding = length - JSON.stringify(status).length;
    const body = JSON.stringify({ ...status, message: 'x'.repeat(padding) });
    expect(body.length).toBe(length);
    return { code: 500, body };
  }

  it('should read a Status JSON body of exactly 64 KiB', () => {
    expect(isConflict(apiExceptionWithBodyOf(MAX_STATUS_JSON_LENGTH))).toBeTrue();
  });

  it('should not parse a body longer than 64 KiB: a Status is small, and parsing is not free', () => {
    expect(isConflict(apiExceptionWithBodyOf(MAX_STATUS_JSON_LENGTH + 1))).toBeFalse();
  });
});
