// Child process: the per-call rows that have targets, with this library and RxJS `retry` timed in
// the same process, round after round with the order swapped each round. It cross-checks the main
// table, where each library has a process of its own: here both share RxJS's compiled code, as in
// an app that uses both.
// Usage: node --import tsx bench/same-process.ts [rounds] [timeMs]
import { Bench } from 'tinybench';
import { createHarness, medianNsOf, overheadRows } from './support/overhead-rows.js';
import { reply } from './support/reply.js';
import { peerById } from './support/peers.js';

export interface SameProcessResult {
  readonly row: string;
  /** One median per round, in ns per subscription (or per operator made). */
  readonly oursNs: readonly number[];
  readonly rxjsRetryNs: readonly number[];
}

/** The rows it repeats: making the operator, the happy path, and k = 1, 3, 10 with 1 ms waits. */
export const SAME_PROCESS_ROWS = [
  'create',
  'per-call-happy',
  'per-call-1ms-scheduler-k1',
  'per-call-1ms-scheduler-k3',
  'per-call-1ms-scheduler-k10',
];

const rounds = Number(process.argv[2] ?? 5);
const timeMs = Number(process.argv[3] ?? 500);
const rows = overheadRows.filter((row) => SAME_PROCESS_ROWS.includes(row.id));
const contenders = [peerById('ours'), peerById('rxjs-retry')];
const harness = createHarness();
const tasks = rows.flatMap((row) =>
  contenders.map((peer) => {
    const task = harness.task(peer, row);
    if (task === undefined) throw new Error(`${peer.id} has no row ${row.id}`);
    return { row: row.id, peer: peer.id, task };
  }),
);
const oursNs = new Map<string, number[]>();
const rxjsRetryNs = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  // Even rounds time ours first in each row, odd rounds RxJS first.
  const ordered = round % 2 === 0 ? tasks : tasks.map((_, index) => tasks[index ^ 1]!);
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs), iterations: 16 });
  for (const { row, peer, task } of ordered) bench.add(`${row}/${peer}`, task);
  await bench.run();
  for (const task of bench.tasks) {
    const [row, peer] = task.name.split('/') as [string, string];
    const into = peer === 'ours' ? oursNs : rxjsRetryNs;
    into.set(row, [...(into.get(row) ?? []), medianNsOf(task)]);
  }
}
harness.verify('same process', true);
reply(
  rows.map((row): SameProcessResult => ({
    row: row.id,
    oursNs: oursNs.get(row.id) ?? [],
    rxjsRetryNs: rxjsRetryNs.get(row.id) ?? [],
  })),
);
