import { VirtualTimeScheduler } from 'rxjs';
import { DefaultRetry } from '../../../src/index.js';
import { simulateContention } from '../../../src/cli/simulate/simulate-contention.js';
import type { NetworkModel } from '../../../src/cli/simulate/modelled-store.js';

const AWS: NetworkModel = { delayMeanMs: 10, delaySdMs: 2, readServiceMs: 0, writeServiceMs: 0 };

describe('simulateContention', () => {
  it('should play out a race that can be worked by hand: 1 ms each way, 2 ms per write, waits of 5 then 10 ms', () => {
    // Reads at 1 ms see revision 0; the writes reach the server at 3 ms and are served one at a
    // time: writer 1's lands (answer at 6 ms), the other three conflict at 8, 10 and 12 ms. Each
    // waits 5 ms and reads again: writer 2 lands at 19 ms, writer 4 (reading after writer 2's write)
    // at 23 ms; writer 3 read before it and conflicts again, waits 10 ms and lands at 37 ms.
    const result = simulateContention({
      writers: 4,
      retry: { backoff: { steps: 3, duration: 5, factor: 2, jitter: 0 } },
      network: { delayMeanMs: 1, delaySdMs: 0, readServiceMs: 0, writeServiceMs: 2 },
      seed: 1,
    });

    expect(result).toEqual({
      updates: 4,
      done: 4,
      giveUps: 0,
      conflicts: 4,
      reads: 8,
      writes: 8,
      maxAttempts: 3,
      latenciesMs: [6, 19, 23, 37],
      completionMs: 37,
    });
  });

  it('should give the pinned result for seed 42: 5 writers × 2 updates under DefaultRetry on the AWS network', () => {
    const result = simulateContention({
      writers: 5,
      updatesPerWriter: 2,
      retry: { backoff: DefaultRetry },
      network: AWS,
      seed: 42,
    });

    expect(result).toEqual({
      updates: 10,
      done: 8,
      giveUps: 2,
      conflicts: 16,
      reads: 24,
      writes: 24,
      maxAttempts: 5,
      latenciesMs: [
        31.681374851262092, 35.53710114699555, 38.119708962032746, 39.796233693193855, 43.62564929937611,
        89.35130627793453, 128.877264726715, 200.39163485051048,
      ],
      completionMs: 333.5540620413795,
    });
  });

  it('should give the same result for the same seed, and another for another seed', () => {
    const run = (seed: number) =>
      simulateContention({ writers: 30, retry: { backoff: DefaultRetry }, network: AWS, seed });

    expect(run(7)).toEqual(run(7));
    expect(run(8).latenciesMs).not.toEqual(run(7).latenciesMs);
  });

  it("should give the same result on RxJS's VirtualTimeScheduler as on its own scheduler", () => {
    const options = {
      writers: 25,
      updatesPerWriter: 2,
      retry: { backoff: DefaultRetry },
      network: AWS,
      seed: 3,
    };

    expect(
      simulateContention({ ...options, scheduler: new VirtualTimeScheduler(undefined, Infinity) }),
    ).toEqual(simulateContention(options));
  });

  it('should count every update once: done + give-ups = updates, and each attempt is one read and one write', () => {
    const result = simulateContention({
      writers: 40,
      updatesPerWriter: 3,
      retry: { backoff: DefaultRetry },
      network: AWS,
      seed: 5,
    });

    expect(result.done + result.giveUps).toBe(120);
    expect(result.reads).toBe(result.writes);
    expect(result.writes - result.conflicts).toBe(result.done);
    expect(result.maxAttempts).toBeLessThanOrEqual(DefaultRetry.steps);
  });

  it("should run the library's operator: one step gives up at the first conflict, and a bad backoff throws the library's error", () => {
    const result = simulateContention({
      writers: 10,
      retry: { backoff: { steps: 1, duration: 10, factor: 1, jitter: 0 } },
      network: AWS,
      seed: 1,
    });

    expect(result.giveUps).toBe(result.conflicts);
    expect(result.maxAttempts).toBe(1);
    expect(() =>
      simulateContention({
        writers: 1,
        retry: { backoff: { steps: 0, duration: 10, factor: 1, jitter: 0 } },
        network: AWS,
        seed: 1,
      }),
    ).toThrowError(RangeError, 'Backoff.steps must be an integer >= 1, got 0');
  });

  it('should retry with a plain wait function under RxJS retry, up to maxAttempts', () => {
    const waits: number[] = [];
    const result = simulateContention({
      writers: 10,
      retry: {
        waits: () => (retry) => {
          waits.push(retry);
          return 7;
        },
        maxAttempts: 3,
      },
      network: AWS,
      seed: 1,
    });

    expect(result.maxAttempts).toBe(3);
    expect(Math.max(...waits)).toBe(2);
    expect(result.done + result.giveUps).toBe(10);
    expect(result.conflicts - result.giveUps).toBe(waits.length);
  });
});
