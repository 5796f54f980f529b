// Child process: times every overhead row for one peer (argv[2]) with tinybench and prints JSON.
// Usage: node --import tsx bench/overhead.ts <peer-id> [timeMs] (run.ts runs a compiled copy).
import { Bench } from 'tinybench';
import { reply } from './support/reply.js';
import { createHarness, medianNsOf, overheadRows, type OverheadResult } from './support/overhead-rows.js';
import { peerById } from './support/peers.js';

const peer = peerById(process.argv[2] ?? '');
const timeMs = Number(process.argv[3] ?? 500);
const harness = createHarness();
const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs), iterations: 16 });
for (const row of overheadRows) {
  const task = harness.task(peer, row);
  if (task !== undefined) bench.add(row.id, task);
}
await bench.run();
harness.verify(
  peer.id,
  bench.tasks.some((task) => task.name === 'create'),
);
reply(
  bench.tasks.map((task): OverheadResult => ({
    row: task.name,
    medianNs: medianNsOf(task),
    rmePercent: task.result.state === 'completed' ? task.result.latency.rme : NaN,
    samples: task.result.state === 'completed' ? task.result.latency.samplesCount : 0,
  })),
);
