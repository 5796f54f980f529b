import type { SchedulerLike, Subscription, Unsubscribable } from 'rxjs';

/**
 * The longest delay a timer holds: Node and browsers fire a longer one at once, so such a wait is
 * taken in pieces.
 * @internal
 */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `done` once the scheduler's clock has moved on by `waitMs`, never sooner: Go's `time.Sleep`.
 * A timer may fire before its time by that clock (Node counts from a clock cached at the start of
 * the event loop's turn), and one longer than {@link LONGEST_TIMER_MS} is taken in pieces: either way
 * the rest is scheduled anew. Each piece is its own action, so that only the pending one is held
 * and no chain of spent actions builds up (a virtual scheduler's action that reschedules itself
 * makes a new one, held by the old). On a virtual clock a timer fires on time to the same double,
 * so nothing more is scheduled.
 *
 * @returns what cancels the wait: `done` is then never called.
 * @internal
 */
export function waitAtLeast(scheduler: SchedulerLike, waitMs: number, done: () => void): Unsubscribable {
  const end = scheduler.now() + waitMs;
  let pending: Subscription;
  const schedulePiece = (leftMs: number): void => {
    pending = scheduler.schedule(
      () => {
        const left = end - scheduler.now();
        if (left > 0) schedulePiece(left);
        else done();
      },
      Math.min(leftMs, LONGEST_TIMER_MS),
    );
  };
  schedulePiece(waitMs);
  return { unsubscribe: () => pending.unsubscribe() };
}
