// `npm run bench`: runs every benchmark, each in its own Node process, prints the tables, and writes
// bench/results.json and the charts under docs/images/. Not part of `npm test`.
// Environment: BENCH_ROUNDS (default 5) rounds of the overhead rows, BENCH_TIME_MS (default 500) per row.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MemoryResult } from './memory.js';
import { overheadRows, SUBSCRIPTIONS_PER_ITERATION, type OverheadResult } from './overhead.js';
import type { ScheduleResult } from './schedule.js';
import type { SizeResult } from './size.js';
import type { StackResult } from './stack.js';
import { writeCharts } from './charts.js';
import { runChild } from './support/child.js';
import { peers, type PeerId } from './support/peers.js';
import type { TimerResult } from './timers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const timeMs = Number(process.env['BENCH_TIME_MS'] ?? 500);

/**
 * Heap growth per retry (or per subscription) below which memory counts as flat: under a third of
 * the smallest V8 object, so nothing is kept per retry; what remains is the noise of the heap itself.
 */
const FLAT_BYTES_PER_UNIT = 4;

const TARGETS = {
  retryRowsVsRxjsRetry: 0.5,
  happyPathVsRxjsRetry: 1.02,
  bundleGzipBytes: 700,
  bundleGzipHardLimitBytes: 1024,
} as const;

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
    packages: Object.fromEntries(
      ['rxjs', 'backoff-rxjs', 'cockatiel', 'p-retry', 'tinybench', 'esbuild'].map((name) => [
        name,
        (JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')) as { version: string })
          .version,
      ]),
    ),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const ns = (value: number | undefined) =>
  value === undefined ? '–' : `${Math.round(value).toLocaleString('en-US')} ns`;
const ratio = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
const ms = (value: number) => `${value.toFixed(2)} ms`;

const startedAt = new Date();
const machineInfo = machine();
console.log(`bench: ${machineInfo.cpuModel}, nproc ${machineInfo.nproc}, Node ${machineInfo.node}`);

// 1. Retry overhead: every peer in a fresh process per round; the order of peers rotates per round.
const overheadRuns = new Map<string, number[]>(); // `${row}/${peer}` -> one median per round
for (let round = 0; round < rounds; round++) {
  const order = peers.map((_, index) => peers[(index + round) % peers.length]!);
  for (const peer of order) {
    console.log(`overhead: round ${round + 1}/${rounds}, ${peer.id}`);
    for (const result of runChild<OverheadResult[]>('overhead.ts', [peer.id, String(timeMs)])) {
      const key = `${result.row}/${peer.id}`;
      overheadRuns.set(key, [...(overheadRuns.get(key) ?? []), result.medianNs]);
    }
  }
}
const overheadNs = (row: string, peer: PeerId) => {
  const runs = overheadRuns.get(`${row}/${peer}`);
  return runs === undefined ? undefined : median(runs);
};
/** Ours divided by `peer`, round by round: how far the noise of one machine moves a ratio. */
const perRoundRatios = (row: string, peer: PeerId) => {
  const ours = overheadRuns.get(`${row}/ours`) ?? [];
  const theirs = overheadRuns.get(`${row}/${peer}`) ?? [];
  return ours.map((value, round) => value / theirs[round]!);
};
const overhead = overheadRows.map((row) => {
  const nsByPeer = Object.fromEntries(peers.map((peer) => [peer.id, overheadNs(row.id, peer.id)])) as Record<
    PeerId,
    number | undefined
  >;
  const ours = nsByPeer.ours!;
  const versus = (peer: PeerId) => (nsByPeer[peer] === undefined ? undefined : ours / nsByPeer[peer]);
  const limit = row.failures === 0 ? TARGETS.happyPathVsRxjsRetry : TARGETS.retryRowsVsRxjsRetry;
  const oursVsRxjsRetry = versus('rxjs-retry')!;
  const oursVsBackoffRxjs = versus('backoff-rxjs');
  return {
    ...row,
    medianNs: nsByPeer,
    roundsNs: Object.fromEntries(peers.map((peer) => [peer.id, overheadRuns.get(`${row.id}/${peer.id}`)])),
    oursVsRxjsRetry,
    oursVsRxjsRetryPerRound: perRoundRatios(row.id, 'rxjs-retry'),
    oursVsRxjsRetrySync: versus('rxjs-retry-sync'),
    oursVsBackoffRxjs,
    targetVsRxjsRetry: limit,
    withinTarget: oursVsRxjsRetry <= limit && (oursVsBackoffRxjs === undefined || oursVsBackoffRxjs < 1),
  };
});

// 2-6, each in its own process.
console.log('schedule cost: backoffDelays');
const schedule = runChild<ScheduleResult[]>('schedule.ts', [String(timeMs)]);
console.log('memory (node --expose-gc)');
const memory = runChild<MemoryResult[]>('memory.ts', [], ['--expose-gc']);
console.log('stack: 1,000,000 synchronous zero-wait retries');
const stack = runChild<StackResult[]>('stack.ts');
console.log('timer accuracy on the real asyncScheduler (about 12 s)');
const timers = runChild<TimerResult[]>('timers.ts');
console.log('bundle size (esbuild)');
const size = runChild<SizeResult[]>('size.ts');

const oursSize = size.find((entry) => entry.name === 'rxjs-retry-on-conflict retryOnConflict')!;
const ourStack = stack.find((entry) => entry.peer === 'ours')!;
const results = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { ...machineInfo, loadAverageAtEnd: os.loadavg().map((load) => Number(load.toFixed(2))) },
  settings: { rounds, timeMsPerRow: timeMs, subscriptionsPerIteration: SUBSCRIPTIONS_PER_ITERATION },
  targets: { ...TARGETS, flatBytesPerUnit: FLAT_BYTES_PER_UNIT },
  overhead,
  schedule,
  memory,
  stack,
  timers,
  size,
  verdicts: {
    zeroWaitRetryRowsAtMostHalfOfRxjsRetry: overhead
      .filter((row) => row.targeted && row.failures > 0)
      .every((row) => row.oursVsRxjsRetry <= TARGETS.retryRowsVsRxjsRetry),
    scheduledRetryRowsAtMostHalfOfRxjsRetry: overhead
      .filter((row) => !row.targeted)
      .every((row) => row.oursVsRxjsRetry <= TARGETS.retryRowsVsRxjsRetry),
    happyPathWithin102PercentOfRxjsRetry: overhead
      .filter((row) => row.failures === 0)
      .every((row) => row.oursVsRxjsRetry <= TARGETS.happyPathVsRxjsRetry),
    fasterThanBackoffRxjsEverywhere: overhead.every(
      (row) => row.oursVsBackoffRxjs === undefined || row.oursVsBackoffRxjs < 1,
    ),
    memoryFlat: memory
      .filter((entry) => entry.peer === 'ours')
      .every((entry) => Math.abs(entry.bytesPerUnit) < FLAT_BYTES_PER_UNIT),
    stackUnbounded:
      ourStack.outcome === `value ${ourStack.retries + 1}` &&
      ourStack.lastAttemptFrames === ourStack.firstAttemptFrames,
    bundleUnderTarget: oursSize.gzipBytes < TARGETS.bundleGzipBytes,
    bundleUnderHardLimit: oursSize.gzipBytes <= TARGETS.bundleGzipHardLimitBytes,
  },
};
writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);

writeCharts(results);

// Tables, in Markdown, as docs/performance.md shows them.
const peerColumns: PeerId[] = ['ours', 'rxjs-retry', 'rxjs-retry-sync', 'backoff-rxjs'];
console.log('\n### Retry overhead: median time per subscription (subscribe to completion)\n');
console.log(
  table(
    [
      'row',
      ...peerColumns.map((peer) => peers.find((entry) => entry.id === peer)!.label),
      'ours ÷ RxJS retry',
      'same, per round',
      'ours ÷ backoff-rxjs',
      'ours ÷ retry, no delay',
    ],
    overhead.map((row) => [
      row.label,
      ...peerColumns.map((peer) => ns(row.medianNs[peer])),
      `**${ratio(row.oursVsRxjsRetry)}**${row.targeted ? ` (target ≤ ${row.targetVsRxjsRetry}×)` : ''}`,
      `${ratio(Math.min(...row.oursVsRxjsRetryPerRound))} – ${ratio(Math.max(...row.oursVsRxjsRetryPerRound))}`,
      ratio(row.oursVsBackoffRxjs),
      ratio(row.oursVsRxjsRetrySync),
    ]),
  ),
);
console.log(`\nsource alone (no operator), happy path: ${ns(overheadNs('happy', 'source-alone'))}`);
console.log('\n### Schedule cost: backoffDelays\n');
console.log(
  table(
    ['steps', 'waits', 'median per call', 'per wait'],
    schedule.map((entry) => [
      String(entry.steps),
      String(entry.waits),
      ns(entry.medianNsPerCall),
      `${entry.medianNsPerWait.toFixed(1)} ns`,
    ]),
  ),
);
console.log('\n### Memory: heap after full GC\n');
console.log(
  table(
    ['scenario', 'library', 'wait', 'heap before', 'heap after', 'bytes per retry / subscription'],
    memory.map((entry) => [
      entry.scenario === 'one-subscription'
        ? `${entry.count.toLocaleString('en-US')} retries in one subscription`
        : `${entry.count.toLocaleString('en-US')} short subscriptions (1 retry each)`,
      peers.find((peer) => peer.id === entry.peer)!.label,
      `${entry.waitMs} ms`,
      `${(entry.heapBeforeBytes / 1024).toFixed(0)} KiB`,
      `${(entry.heapAfterBytes / 1024).toFixed(0)} KiB`,
      `${entry.bytesPerUnit.toFixed(2)} B`,
    ]),
  ),
);
console.log('\n### Stack: synchronous zero-wait retries in one subscription\n');
console.log(
  table(
    ['library', 'retries asked', 'attempts made', 'outcome', 'frames at first / last attempt', 'time'],
    stack.map((entry) => [
      peers.find((peer) => peer.id === entry.peer)!.label,
      entry.retries.toLocaleString('en-US'),
      entry.attempts.toLocaleString('en-US'),
      entry.outcome,
      `${entry.firstAttemptFrames} / ${entry.lastAttemptFrames || '–'}`,
      ms(entry.elapsedMs),
    ]),
  ),
);
console.log('\n### Timer accuracy on the real asyncScheduler: measured gap minus planned wait\n');
console.log(
  table(
    ['schedule', 'samples', 'planned waits', 'p50', 'p99', 'min', 'max'],
    timers.map((entry) => [
      entry.name,
      String(entry.samples),
      entry.plannedMinMs === entry.plannedMaxMs
        ? ms(entry.plannedMinMs)
        : `${ms(entry.plannedMinMs)} – ${ms(entry.plannedMaxMs)}`,
      ms(entry.overshootP50Ms),
      ms(entry.overshootP99Ms),
      ms(entry.overshootMinMs),
      ms(entry.overshootMaxMs),
    ]),
  ),
);
console.log('\n### Bundle size\n');
console.log(
  table(
    ['import', 'minified', 'gzip'],
    size.map((entry) => [
      `${entry.name} (\`${entry.entry}\`)`,
      `${entry.rawBytes.toLocaleString('en-US')} B`,
      `${entry.gzipBytes.toLocaleString('en-US')} B`,
    ]),
  ),
);
console.log('\n### Targets\n');
for (const [name, met] of Object.entries(results.verdicts))
  console.log(`- ${name}: ${met ? 'met' : 'MISSED'}`);
console.log(`\nwrote bench/results.json, docs/images/bench-overhead.svg, docs/images/bench-size.svg`);
