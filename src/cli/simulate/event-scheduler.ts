import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';

/** One pending run of an action: when, and in which order among runs due at the same time. */
interface Pending {
  readonly timeMs: number;
  readonly order: number;
  readonly action: EventAction<unknown>;
}

/**
 * A virtual-time `SchedulerLike` for simulations with many thousands of pending timers: actions wait
 * in a binary heap ordered by due time, then by the order they were scheduled in, so that
 * {@link EventScheduler.flush} runs them in time order in O(log n) each. RxJS's
 * `VirtualTimeScheduler` sorts its whole queue on every `schedule`, which is quadratic in the
 * writers of a simulation (see docs/contention-model.md for the measurement).
 *
 * @example
 * ```ts
 * import { timer } from 'rxjs';
 *
 * const scheduler = new EventScheduler();
 * const seen: number[] = [];
 * timer(30, scheduler).subscribe(() => seen.push(scheduler.now()));
 * timer(10, scheduler).subscribe(() => seen.push(scheduler.now()));
 * scheduler.flush();
 * seen; // [10, 30]
 * ```
 */
export class EventScheduler implements SchedulerLike {
  private readonly heap: Pending[] = [];
  private nowMs = 0;
  private scheduled = 0;
  private executed = 0;

  /** The virtual clock, in milliseconds from 0. */
  now(): number {
    return this.nowMs;
  }

  /** How many actions have run so far. */
  get actionsRun(): number {
    return this.executed;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new EventAction<T>(this, work).schedule(state, delay);
  }

  /** Runs every action, advancing the clock to each one's due time, until none is pending. */
  flush(): void {
    for (let next = this.pop(); next !== undefined; next = this.pop()) {
      // An action rescheduled since, or unsubscribed, is skipped: only its latest run counts.
      if (next.action.closed || next.action.pending !== next) continue;
      this.nowMs = next.timeMs;
      this.executed++;
      next.action.execute();
    }
  }

  /** @internal */
  enqueue(action: EventAction<unknown>, delayMs: number): Pending {
    const pending: Pending = { timeMs: this.nowMs + Math.max(0, delayMs), order: this.scheduled++, action };
    const heap = this.heap;
    let index = heap.length;
    heap.push(pending);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (parent === undefined || !before(pending, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = pending;
    return pending;
  }

  /** Takes the earliest pending run off the heap; undefined when none is left. */
  private pop(): Pending | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const leftIndex = 2 * index + 1;
      const left = heap[leftIndex];
      if (left === undefined) break;
      const right = heap[leftIndex + 1];
      const [childIndex, child] =
        right !== undefined && before(right, left) ? [leftIndex + 1, right] : [leftIndex, left];
      if (!before(child, last)) break;
      heap[index] = child;
      index = childIndex;
    }
    heap[index] = last;
    return top;
  }
}

function before(a: Pending, b: Pending): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.order < b.order);
}

/** An action of {@link EventScheduler}: rescheduling it replaces its pending run, as in RxJS. */
class EventAction<T> extends Subscription implements SchedulerAction<T> {
  /** @internal The run that counts; an older one still in the heap is skipped. */
  pending: Pending | undefined;
  private state: T | undefined;

  constructor(
    private readonly scheduler: EventScheduler,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.pending = this.scheduler.enqueue(this as EventAction<unknown>, delay);
    return this;
  }

  /** @internal */
  execute(): void {
    this.pending = undefined;
    this.work(this.state);
    // As RxJS's actions: one that did not schedule itself again is done.
    if (this.pending === undefined) this.unsubscribe();
  }
}
