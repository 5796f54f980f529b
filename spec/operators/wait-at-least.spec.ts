import { VirtualTimeScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { LONGEST_TIMER_MS, waitAtLeast } from '../../src/operators/wait-at-least.js';

describe('waitAtLeast', () => {
  it('should call done when the clock has moved on by the wait, and not before', () => {
    const scheduler = new VirtualTimeScheduler();
    let doneAt: number | undefined;
    waitAtLeast(scheduler, 10, () => (doneAt = scheduler.now()));
    scheduler.flush();
    expect(doneAt).toBe(10);
  });

  it('should take a wait longer than a timer holds in pieces no longer than LONGEST_TIMER_MS', () => {
    const scheduler = new VirtualTimeScheduler(undefined, Infinity);
    const delays: number[] = [];
    const recording: SchedulerLike = {
      now: () => scheduler.now(),
      schedule<T>(
        work: (this: SchedulerAction<T>, state?: T) => void,
        delay?: number,
        state?: T,
      ): Subscription {
        delays.push(delay ?? 0);
        return scheduler.schedule(work, delay, state);
      },
    };
    let done = false;
    waitAtLeast(recording, 2.5 * LONGEST_TIMER_MS, () => (done = true));
    scheduler.flush();
    expect(done).toBeTrue();
    expect(delays).toEqual([LONGEST_TIMER_MS, LONGEST_TIMER_MS, 0.5 * LONGEST_TIMER_MS]);
  });

  it('should schedule the rest anew when a timer fires before its time by the clock', () => {
    const scheduler = new VirtualTimeScheduler();
    // The first timer fires 3 ms early by the clock, as Node's can by a clock cached at the turn's start.
    const delays: number[] = [];
    const early: SchedulerLike = {
      now: () => scheduler.now(),
      schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
        delays.push(delay);
        return scheduler.schedule(work, delays.length === 1 ? delay - 3 : delay, state);
      },
    };
    let doneAt: number | undefined;
    waitAtLeast(early, 10, () => (doneAt = scheduler.now()));
    scheduler.flush();
    expect(doneAt).toBe(10);
    expect(delays).toEqual([10, 3]);
  });

  it('should never call done once unsubscribed, even between pieces', () => {
    const scheduler = new VirtualTimeScheduler(undefined, Infinity);
    let done = false;
    const wait = waitAtLeast(scheduler, 2 * LONGEST_TIMER_MS, () => (done = true));
    scheduler.schedule(() => wait.unsubscribe(), LONGEST_TIMER_MS + 1);
    scheduler.flush();
    expect(done).toBeFalse();
  });
});
