/**
 * How long to wait between attempts, and how many attempts to make: the RxJS twin of
 * apimachinery's `wait.Backoff`. Every time is in milliseconds; it is plain data, so it can be
 * shared, frozen and logged.
 *
 * The waits are `duration`, then `duration * factor`, then `duration * factor²`, … each one
 * stretched by up to `jitter * wait` at random, until `steps` attempts have been made.
 *
 * **The cap is not a maximum delay.** As in Go, when `duration * factor` would exceed `cap`, the
 * duration becomes `cap` *and no further attempt is made after the next wait*: the operator waits
 * once more and then delivers the last error. See `docs/go-to-rxjs.md`.
 *
 * @example
 * ```ts
 * import { retryOnConflict, type Backoff } from 'rxjs-retry-on-conflict';
 *
 * // 50ms, 100ms, 200ms, 400ms (each + up to 20%), then give up: 5 attempts in all.
 * const patient: Backoff = { duration: 50, factor: 2, jitter: 0.2, steps: 5 };
 * update$.pipe(retryOnConflict(patient));
 * ```
 */
export interface Backoff {
  /**
   * The first wait, in milliseconds (`wait.Backoff.Duration`). Must be finite and >= 0; it is held
   * internally as whole nanoseconds, as Go does (`Math.round(duration * 1e6)`).
   */
  readonly duration: number;
  /**
   * What each wait is multiplied by to give the next one (`wait.Backoff.Factor`). `0` leaves the
   * duration unchanged (and, as in Go, also disables the cap). Must be finite and >= 0.
   */
  readonly factor: number;
  /**
   * Random stretch of each wait: a wait `d` becomes `d + random() * jitter * d`
   * (`wait.Backoff.Jitter`). `0` means no jitter. Must be finite and >= 0.
   */
  readonly jitter: number;
  /**
   * The most attempts to make, i.e. the most times the source is subscribed
   * (`wait.Backoff.Steps`). An integer >= 1: `1` means a single attempt and no retry.
   */
  readonly steps: number;
  /**
   * Upper bound on the duration, in milliseconds (`wait.Backoff.Cap`). `0` or absent: no cap.
   * When the next duration would exceed it, Go's rule applies: the duration becomes `cap` and the
   * retries end after one more wait. Only consulted when `factor` is not 0. Must be finite and >= 0.
   */
  readonly cap?: number;
}

/**
 * client-go's `retry.DefaultRetry`: 5 attempts, 10ms apart, each wait stretched by up to 10%.
 * The recommended backoff for conflicts: a conflict means someone else just wrote, so retrying
 * soon (after a fresh read) is expected to succeed. Frozen.
 *
 * @example
 * ```ts
 * import { DefaultRetry, retryOnConflict } from 'rxjs-retry-on-conflict';
 *
 * save$.pipe(retryOnConflict(DefaultRetry)); // the same as retryOnConflict()
 * ```
 */
export const DefaultRetry: Readonly<Backoff> = /* @__PURE__ */ Object.freeze({
  steps: 5,
  duration: 10,
  factor: 1,
  jitter: 0.1,
});

/**
 * client-go's `retry.DefaultBackoff`: 4 attempts, waiting 10ms, 50ms and 250ms (each stretched by
 * up to 10%). For errors that take longer to clear than a conflict, such as an overloaded server.
 * Frozen.
 *
 * @example
 * ```ts
 * import { DefaultBackoff, onError } from 'rxjs-retry-on-conflict';
 *
 * const isUnavailable = (error: unknown) => (error as { status?: number }).status === 503;
 * request$.pipe(onError(DefaultBackoff, isUnavailable));
 * ```
 */
export const DefaultBackoff: Readonly<Backoff> = /* @__PURE__ */ Object.freeze({
  steps: 4,
  duration: 10,
  factor: 5,
  jitter: 0.1,
});
