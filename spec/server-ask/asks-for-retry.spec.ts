import { ApiException } from '@kubernetes/client-node';
import { asksForRetry } from '../../src/server-ask/asks-for-retry.js';

const ask = { 'retry-after': '1' };

describe('asksForRetry', () => {
  it("should accept a 429 or any 5xx that carries Retry-After, as client-go's checkWait", () => {
    for (const status of [429, 500, 502, 503, 504, 599]) {
      expect(asksForRetry({ status, headers: ask }))
        .withContext(`status ${status}`)
        .toBeTrue();
    }
  });

  it('should refuse any other status, even with Retry-After', () => {
    for (const status of [0, 200, 301, 400, 404, 409, 428, 430, 600]) {
      expect(asksForRetry({ status, headers: ask }))
        .withContext(`status ${status}`)
        .toBeFalse();
    }
  });

  it('should refuse a 429 or 5xx that carries no ask, or one that cannot be read', () => {
    expect(asksForRetry({ status: 429 })).toBeFalse();
    expect(asksForRetry({ status: 503, headers: {} })).toBeFalse();
    expect(asksForRetry({ status: 503, headers: { 'retry-after': 'soon' } })).toBeFalse();
  });

  it('should refuse a response that says ok: true', () => {
    expect(asksForRetry({ status: 503, ok: true, headers: ask })).toBeFalse();
  });

  it("should read the status from an axios-like response, a Status's code, an API exception's code and a cause", () => {
    expect(asksForRetry({ response: { status: 503, headers: ask } })).toBeTrue();
    const status = {
      kind: 'Status',
      code: 429,
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 1 },
    };
    expect(asksForRetry(status)).toBeTrue();
    expect(asksForRetry(new ApiException(429, 'Too Many Requests', 'Too many requests', ask))).toBeTrue();
    expect(asksForRetry(new ApiException(404, 'Not Found', 'not found', ask))).toBeFalse();
    expect(asksForRetry(new Error('failed', { cause: { status: 502, headers: ask } }))).toBeTrue();
  });

  it('should refuse null, primitives and objects without a status, and never throw', () => {
    const throwing = Object.defineProperty({}, 'status', {
      get() {
        throw new Error('getter');
      },
    });
    for (const [index, error] of [null, undefined, 429, '429', {}, { headers: ask }, throwing].entries()) {
      expect(asksForRetry(error)).withContext(`error ${index}`).toBeFalse();
    }
  });
});
