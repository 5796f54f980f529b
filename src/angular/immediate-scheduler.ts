import { queueScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * A scheduler on which every wait is over at once: work scheduled with any delay runs as if the
 * delay were 0 on `queueScheduler`, that is now, or, when scheduled from work already running on
 * it, right after that work (a trampoline, so a run of retries never deepens the stack).
 * `queueScheduler` alone would not do: given a delay above 0, it waits a real timer.
 * @internal
 */
export const immediateScheduler: SchedulerLike = {
  now: () => queueScheduler.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, _delay?: number, state?: T): Subscription {
    return queueScheduler.schedule(work, 0, state);
  },
};
