import { queueScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/** The due time of the latest work run, by {@link immediateScheduler}'s clock. */
let latestDue = -Infinity;

/**
 * A scheduler on which every wait is over at once: work scheduled with any delay runs as if the
 * delay were 0 on `queueScheduler`, that is now, or, when scheduled from work already running on
 * it, right after that work (a trampoline, so a run of retries never deepens the stack).
 * `queueScheduler` alone would not do: given a delay above 0, it waits a real timer.
 *
 * Its clock jumps as a virtual clock does: from the moment work runs, `now()` reads at least the
 * time that work was due. The operator's wait never ends early by its scheduler's clock; on the
 * wall clock alone it would schedule itself again and again until the real time had passed.
 * @internal
 */
export const immediateScheduler: SchedulerLike = {
  now: () => Math.max(queueScheduler.now(), latestDue),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const due = immediateScheduler.now() + delay;
    return queueScheduler.schedule(
      function (this: SchedulerAction<T>, state?: T) {
        latestDue = Math.max(latestDue, due);
        work.call(this, state);
      },
      0,
      state,
    );
  },
};
