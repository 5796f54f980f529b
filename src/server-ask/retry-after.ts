import { isObject } from '../input/is-object.js';

/**
 * The wait an error asks for before the request is repeated, in milliseconds, or `undefined` when
 * it asks for none: what the server said with a `Retry-After` header (RFC 9110 §10.2.3), or with a
 * Kubernetes `Status`'s `details.retryAfterSeconds` (apimachinery's `errors.SuggestsClientDelay`).
 * The header is read first, as client-go's REST client does; the Status when there is no header, or
 * none that can be read.
 *
 * `Retry-After` is delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`, or one
 * of the two obsolete forms a recipient must still accept). A date is measured against `now`, in
 * milliseconds since the epoch: pass the scheduler's `now()`, so that a wait read under a
 * `TestScheduler` is exact in virtual time. A date already past asks for no wait: `0`.
 *
 * Reads, without importing any of these libraries, the carriers {@link isConflict} reads: Angular's
 * `HttpErrorResponse` (`headers`, and a Status in `error`), a thrown fetch `Response` and ky's
 * `HTTPError` (its `response`), axios' `AxiosError` (`response.headers`, `response.data`), RxJS'
 * `AjaxError` (its `xhr`, and a Status in `response`), `@kubernetes/client-node`'s `ApiException`
 * (`headers`, and a Status as the JSON text of `body`), a plain object with `headers`, and errors
 * that hold such an error or response as their `cause` (up to four links deep).
 *
 * What is no ask: a missing header or field; a malformed value (`1.5`, `-1`, `soon`, a date that is
 * not one of the three forms, not a real day, or names the wrong weekday); a negative, non-finite
 * or fractional number of seconds; a wait longer than Go's longest `time.Duration` (about 292
 * years), which client-go could not sleep either. It never throws, whatever the error's getters do.
 *
 * @param error - what the request failed with.
 * @param now - the clock an HTTP-date is measured by, in milliseconds since the epoch. Default:
 *   `Date.now()`.
 * @returns the wait in milliseconds (a whole number, `>= 0`), or `undefined`.
 *
 * @example
 * ```ts
 * import { retryAfterMs } from 'rxjs-retry-on-conflict';
 *
 * retryAfterMs({ status: 429, headers: { 'retry-after': '2' } }); // 2000
 * retryAfterMs({ response: { status: 503, headers: { 'Retry-After': '120' } } }); // 120000 (axios-like)
 * const now = Date.UTC(2026, 9, 21, 7, 28, 0);
 * retryAfterMs({ status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT' } }, now); // 30000
 * retryAfterMs({ kind: 'Status', code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds: 1 } }); // 1000
 * retryAfterMs({ status: 429, headers: { 'retry-after': '-1' } }); // undefined
 * retryAfterMs({ status: 503 }); // undefined
 * ```
 */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  try {
    return askIn(error, now, MAX_NESTING);
  } catch {
    return undefined;
  }
}

/** How deep `response` and `cause` links are followed; also ends cycles. */
const MAX_NESTING = 4;

/** Go's longest `time.Duration`, 2^63 − 1 ns, in whole seconds: a longer wait is no ask. */
const MAX_ASK_SECONDS = 9_223_372_036;

/** Longer header text is never parsed: no valid value is this long. */
const MAX_HEADER_LENGTH = 64;

type Fields = Readonly<Record<string, unknown>>;

function askIn(error: unknown, now: number, depthLeft: number): number | undefined {
  if (!isObject(error) || depthLeft < 0) return undefined;
  const header = fromHeader(retryAfterHeader(error), now);
  if (header !== undefined) return header;
  // A Status is the error itself, or the body in a field of it (`body`: the Kubernetes client;
  // `error`: Angular; `data`: axios' response), or the `response` followed below (RxJS ajax).
  for (const candidate of [error, error['body'], error['error'], error['data']]) {
    const seconds = statusAsk(typeof candidate === 'string' ? parseJson(candidate) : candidate);
    if (seconds !== undefined) return seconds * 1000;
  }
  return askIn(error['response'], now, depthLeft - 1) ?? askIn(error['cause'], now, depthLeft - 1);
}

/**
 * The `Retry-After` value an error or a response holds: from a `headers` object with `get(name)`
 * (fetch `Headers`, Angular `HttpHeaders`, `AxiosHeaders`), from a plain record of headers (any
 * letter case), or from an `XMLHttpRequest` (`AjaxError.xhr`).
 */
function retryAfterHeader(error: Fields): unknown {
  const headers = error['headers'];
  if (isObject(headers)) {
    if (typeof headers['get'] === 'function') {
      const value = (headers as { get(name: string): unknown }).get('retry-after');
      if (value !== null && value !== undefined) return value;
    }
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'retry-after') return headers[name];
  }
  const xhr = error['xhr'];
  if (isObject(xhr) && typeof xhr['getResponseHeader'] === 'function')
    return (xhr as { getResponseHeader(name: string): unknown }).getResponseHeader('retry-after');
  return undefined;
}

/** Milliseconds from a `Retry-After` value, or undefined when it is none of the forms RFC 9110 allows. */
function fromHeader(value: unknown, now: number): number | undefined {
  if (typeof value === 'number') return wholeSeconds(value);
  if (typeof value !== 'string' || value.length > MAX_HEADER_LENGTH) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return wholeSeconds(Number(text));
  const date = httpDate(text, now);
  return date === undefined || !Number.isFinite(now) ? undefined : Math.max(0, date - now);
}

function wholeSeconds(seconds: number): number | undefined {
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_ASK_SECONDS ? seconds * 1000 : undefined;
}

/**
 * apimachinery's `SuggestsClientDelay`: a Status whose `details.retryAfterSeconds` is above zero,
 * or zero when the reason is `ServerTimeout` (which asks for a delay by its nature).
 */
function statusAsk(status: unknown): number | undefined {
  if (!isObject(status) || !isObject(status['details'])) return undefined;
  const seconds = status['details']['retryAfterSeconds'];
  if (typeof seconds !== 'number') return undefined;
  const ask = wholeSeconds(seconds);
  return ask !== undefined && (seconds > 0 || status['reason'] === 'ServerTimeout') ? ask / 1000 : undefined;
}

/** The obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:|s|nes|rs|ur)day, (\d\d)-([A-Z][a-z]{2})-(\d\d) (\d\d:\d\d:\d\d) GMT$/;
/** The obsolete asctime form, `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\d{4})$/;

/**
 * The HTTP-date's time in ms since the epoch, or undefined when `text` is not a real date in one of
 * RFC 9110's three forms. The obsolete forms are rewritten as an IMF-fixdate
 * (`Sun, 06 Nov 1994 08:49:37 GMT`), the form `Date.prototype.toUTCString` writes and `Date.parse`
 * must read back; a date that does not read back to the same text (31 Feb, 24:00, a wrong weekday,
 * another zone) is none.
 */
function httpDate(text: string, now: number): number | undefined {
  let imfFixdate = text;
  let match = RFC_850.exec(text);
  if (match) {
    const [, weekday, day, month, twoDigitYear, time] = match;
    // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past century.
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(twoDigitYear);
    if (year > thisYear + 50) year -= 100;
    imfFixdate = `${weekday}, ${day} ${month} ${year} ${time} GMT`;
  } else if ((match = ASCTIME.exec(text))) {
    const [, weekday, month, day = '', time, year] = match;
    imfFixdate = `${weekday}, ${day.replace(' ', '0')} ${month} ${year} ${time} GMT`;
  }
  const ms = Date.parse(imfFixdate);
  return new Date(ms).toUTCString() === imfFixdate ? ms : undefined;
}

/** A JSON object body, or undefined; a body that is no JSON object (or too long to be a Status) is skipped. */
function parseJson(text: string): unknown {
  try {
    return /^\s*\{/.test(text) && text.length < 65536 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
