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

  it("should tell queueScheduler's time, or later, never going back", () => {
    const before = queueScheduler.now();
    const first = immediateScheduler.now();
    const second = immediateScheduler.now();

    expect(first).toBeGreaterThanOrEqual(before);
    expect(second).toBeGreaterThanOrEqual(first);
    // Ahead of the wall clock only by the waits it has skipped: a time, not a limit.
    expect(Number.isFinite(second)).toBeTrue();
  });

  it('should read, from the moment work runs, at least the time that work was due', () => {
    const scheduledAt = immediateScheduler.now();
    let during = Number.NaN;

    immediateScheduler.schedule(() => (during = immediateScheduler.now()), 3_600_000);

    // The wall clock is an hour behind: the clock reads the due time itself, as a virtual one would.
    expect(during).toBe(scheduledAt + 3_600_000);
    expect(immediateScheduler.now()).toBe(during);
  });

  it('should end a wait measured by its own clock with one action, as a virtual clock does', () => {
    // The operator's wait: the rest is scheduled anew for as long as the clock reads before the end.
    let actions = 0;
    const end = immediateScheduler.now() + 50;
    const wait = (): void => {
      immediateScheduler.schedule(() => {
        actions++;
        if (end - immediateScheduler.now() > 0) wait();
      }, 50);
    };

    wait();

    expect(actions).toBe(1);
  });
});
