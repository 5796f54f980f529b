/**
 * A `Backoff` checked and converted to Go's units: whole nanoseconds, `capNs` 0 for none.
 * Made by `toBackoffSpec`; everything that steps, checks or plans a backoff reads this.
 * @internal
 */
export interface BackoffSpec {
  readonly durationNs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly steps: number;
  readonly capNs: number;
}

/**
 * Go's longest `time.Duration` (2^63 - 1 ns), as the nearest double.
 * @internal
 */
export const MAX_DURATION_NS = 2 ** 63;

/**
 * The rule that every duration, configured or reached by growth, must keep.
 * @internal
 */
export const BELOW_LONGEST_DURATION = `be below ${MAX_DURATION_NS / 1e6} ms (Go's longest duration)`;

/**
 * A `random()` that returns the largest double below 1, the top of the range of `Math.random`
 * (and of Go's `rand.Float64`): the one that makes each wait its longest.
 * @internal
 */
export const largestRandom = (): number => 1 - 2 ** -53;
