import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * A scheduler that delegates to a real one (the asyncScheduler by default) and counts the actions
 * that are scheduled and have neither run nor been cancelled: the timers still pending. An action
 * that schedules itself again (a wait taken in pieces) counts as pending once more.
 */
export class CountingScheduler implements SchedulerLike {
  pending = 0;
  scheduled = 0;

  constructor(private readonly delegate: SchedulerLike = asyncScheduler) {}

  now(): number {
    return this.delegate.now();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state: T) => void, delay?: number, state?: T): Subscription {
    let isPending = false;
    const markPending = (): void => {
      if (!isPending) {
        isPending = true;
        this.pending++;
        this.scheduled++;
      }
    };
    const settle = (): void => {
      if (isPending) {
        isPending = false;
        this.pending--;
      }
    };
    markPending();
    const action = this.delegate.schedule<T>(
      function (this: SchedulerAction<T>, actionState?: T) {
        settle();
        const reschedule = this.schedule.bind(this);
        // While the work runs, an action it schedules again is pending again.
        this.schedule = (nextState?: T, nextDelay?: number) => {
          markPending();
          return reschedule(nextState, nextDelay);
        };
        try {
          work.call(this, actionState as T);
        } finally {
          this.schedule = reschedule;
        }
      },
      delay,
      state as T,
    );
    action.add(settle);
    return action;
  }
}
