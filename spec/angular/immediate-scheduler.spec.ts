import { queueScheduler, type SchedulerAction } from 'rxjs';
import { immediateScheduler } from '../../src/angular/immediate-scheduler.js';

describe('immediateScheduler', () => {
  it('should run work scheduled with a delay before schedule() returns, with its state', () => {
    const ran: string[] = [];

    immediateScheduler.schedule((state) => ran.push(`ran with ${state}`), 10_000, 'the state');
    ran.push('schedule returned');

    expect(ran).toEqual(['ran with the state', 'schedule returned']);
  });

  it('should run work scheduled from running work right after it, not inside it', () => {
    const ran: string[] = [];

    immediateScheduler.schedule(() => {
      immediateScheduler.schedule(() => ran.push('inner'), 50);
      ran.push('outer done');
    }, 50);

    expect(ran).toEqual(['outer done', 'inner']);
  });

  it('should keep the stack flat through 100000 actions that each schedule the next', () => {
    let runs = 0;
    const depths: number[] = [];
    const work = function (this: SchedulerAction<number>, remaining = 0): void {
      runs++;
      if (runs === 1 || remaining === 1) depths.push(new Error().stack?.split('\n').length ?? 0);
      if (remaining > 1) immediateScheduler.schedule(work, 10, remaining - 1);
    };

    immediateScheduler.schedule(work, 10, 100_000);

    expect(runs).toBe(100_000);
    expect(depths[1]).toBe(depths[0]);
  });

  it("should tell queueScheduler's time", () => {
    const before = queueScheduler.now();
    const now = immediateScheduler.now();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(queueScheduler.now());
  });
});
