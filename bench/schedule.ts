// Child process: the cost of computing a whole schedule with backoffDelays.
// Usage: node --import tsx bench/schedule.ts [timeMs]
import { backoffDelays, type Backoff } from './support/library.js';
import { Bench } from 'tinybench';
import { reply } from './support/reply.js';

export interface ScheduleResult {
  readonly steps: number;
  readonly backoff: Backoff;
  readonly waits: number;
  readonly medianNsPerCall: number;
  readonly medianNsPerWait: number;
  readonly rmePercent: number;
  readonly samples: number;
}

const timeMs = Number(process.argv[2] ?? 500);
// Jittered and growing, so every wait does Go's full arithmetic; factor 1.01 keeps 1000 steps finite.
const schedules: Backoff[] = [10, 1000].map((steps) => ({ duration: 10, factor: 1.01, jitter: 0.1, steps }));

const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
let waitsSeen = 0;
for (const backoff of schedules) {
  bench.add(`steps ${backoff.steps}`, () => {
    waitsSeen += backoffDelays(backoff).length;
  });
}
await bench.run();
if (waitsSeen === 0) throw new Error('backoffDelays returned nothing');

reply(
  bench.tasks.map((task, index): ScheduleResult => {
    const result = task.result;
    const backoff = schedules[index];
    if (result.state !== 'completed' || backoff === undefined)
      throw new Error(`${task.name}: ${result.state}`);
    const waits = backoffDelays(backoff).length;
    const medianNs = result.latency.p50 * 1e6;
    return {
      steps: backoff.steps,
      backoff,
      waits,
      medianNsPerCall: medianNs,
      medianNsPerWait: medianNs / waits,
      rmePercent: result.latency.rme,
      samples: result.latency.samplesCount,
    };
  }),
);
