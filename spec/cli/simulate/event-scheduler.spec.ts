import { timer, VirtualTimeScheduler, type SchedulerAction } from 'rxjs';
import { EventScheduler } from '../../../src/cli/simulate/event-scheduler.js';

describe('EventScheduler', () => {
  it('should run actions in time order, moving its clock to each', () => {
    const scheduler = new EventScheduler();
    const seen: string[] = [];
    for (const [name, delay] of [
      ['c', 30],
      ['a', 10],
      ['b', 20.5],
    ] as const) {
      scheduler.schedule(() => seen.push(`${name}@${scheduler.now()}`), delay);
    }
    scheduler.flush();

    expect(seen).toEqual(['a@10', 'b@20.5', 'c@30']);
    expect(scheduler.now()).toBe(30);
  });

  it('should run actions due at the same time in the order they were scheduled, as VirtualTimeScheduler does', () => {
    const order = (scheduler: EventScheduler | VirtualTimeScheduler) => {
      const seen: number[] = [];
      for (let index = 0; index < 50; index++) {
        scheduler.schedule(() => {
          seen.push(index);
          if (index % 7 === 0) scheduler.schedule(() => seen.push(100 + index), 0);
        }, index % 3);
      }
      scheduler.flush();
      return seen;
    };

    expect(order(new EventScheduler())).toEqual(order(new VirtualTimeScheduler(undefined, Infinity)));
  });

  it('should skip an action that was unsubscribed before its time', () => {
    const scheduler = new EventScheduler();
    const seen: number[] = [];
    const cancelled = scheduler.schedule(() => seen.push(1), 10);
    scheduler.schedule(() => seen.push(2), 20);
    cancelled.unsubscribe();
    scheduler.flush();

    expect(seen).toEqual([2]);
  });

  it('should move an action that reschedules itself, running it only at its latest time', () => {
    const scheduler = new EventScheduler();
    const seen: number[] = [];
    scheduler.schedule(
      function (this: SchedulerAction<number>, count = 0) {
        seen.push(scheduler.now());
        if (count < 2) this.schedule(count + 1, 5);
      },
      1,
      0,
    );
    scheduler.flush();

    expect(seen).toEqual([1, 6, 11]);
    expect(scheduler.actionsRun).toBe(3);
  });

  it("should drive RxJS's own timers: a periodic timer on it ticks on the virtual clock", () => {
    const scheduler = new EventScheduler();
    const ticks: number[] = [];
    const subscription = timer(5, 10, scheduler).subscribe(() => {
      ticks.push(scheduler.now());
      if (ticks.length === 3) subscription.unsubscribe();
    });
    scheduler.flush();

    expect(ticks).toEqual([5, 15, 25]);
  });
});
