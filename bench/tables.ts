// The Markdown tables of a run, as `npm run bench` prints them and docs/performance.md shows them
// between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. `tsx bench/tables.ts` rewrites the
// doc's tables from bench/results.json alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { Shape } from './support/overhead-rows.js';
import type { BenchResults } from './run.js';
import { peers, type PeerId } from './support/peers.js';
import { formatMarkdownTable, type ColumnAlign } from '../dev-support/markdown-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = `${root}docs/performance.md`;

/** A Markdown table whose first `leftColumns` columns are text, the rest right-aligned figures. */
function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const align = header.map((_, index): ColumnAlign => (index < leftColumns ? 'left' : 'right'));
  return formatMarkdownTable([header, ...rows], align);
}

const ns = (value: number | undefined) =>
  value === undefined ? '–' : `${Math.round(value).toLocaleString('en-US')} ns`;
const ratio = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const spread = (row: { readonly oursVsRxjsRetrySpread: { readonly min: number; readonly max: number } }) =>
  `${ratio(row.oursVsRxjsRetrySpread.min)} – ${ratio(row.oursVsRxjsRetrySpread.max)}`;
const verdict = (target: number | undefined, met: boolean | undefined) =>
  target === undefined ? '–' : `≤ ${target}×: ${met ? 'met' : '**missed**'}`;
const labelOf = (peer: PeerId) => peers.find((entry) => entry.id === peer)!.label;
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const peerColumns: PeerId[] = ['ours', 'rxjs-retry', 'rxjs-retry-sync', 'backoff-rxjs'];
const rowsOf: Record<'per-call' | 'operator-once', readonly Shape[]> = {
  'per-call': ['creation', 'per-call'],
  'operator-once': ['operator-once'],
};

/** Every table of a run, by the name of its place in docs/performance.md. */
export function renderTables(results: BenchResults): Record<string, string> {
  const { machine, overhead, sameProcess, schedule, memory, stack, timers, size, verdicts } = results;
  const overheadTable = (which: 'per-call' | 'operator-once') =>
    table(
      [
        'row',
        ...peerColumns.map(labelOf),
        'ours ÷ RxJS retry',
        'same, per round',
        'target',
        'ours ÷ retry, no delay (sync)',
        'ours ÷ backoff-rxjs',
      ],
      overhead
        .filter((row) => rowsOf[which].includes(row.shape))
        .map((row) => [
          row.label,
          ...peerColumns.map((peer) => ns(row.medianNs[peer])),
          `**${ratio(row.oursVsRxjsRetry)}**`,
          spread(row),
          verdict(row.target, row.targetMet),
          ratio(row.oursVsRxjsRetrySync),
          ratio(row.oursVsBackoffRxjs),
        ]),
    );
  return {
    'bench:machine': table(
      ['', ''],
      [
        ['run', `${utc(results.startedAt)} to ${utc(results.finishedAt).slice(11)}`],
        ['CPU (`/proc/cpuinfo`, model name)', machine.cpuModel],
        ['`nproc`', String(machine.nproc)],
        ['memory', `${machine.memoryGiB} GiB`],
        ['Node', `${machine.node} (V8 ${machine.v8})`],
        ['OS', machine.platform],
        [
          'packages',
          Object.entries(machine.packages)
            .map(([name, version]) => `${name} ${version}`)
            .join(', '),
        ],
        [
          'load average (1, 5, 15 min)',
          `${machine.loadAverageAtStart.join(', ')} at the start; ${machine.loadAverageAtEnd.join(', ')} at the end`,
        ],
        [
          'settings',
          `${results.settings.rounds} rounds of ${results.settings.timeMsPerRow} ms per row and library`,
        ],
      ],
      2,
    ),
    'bench:targets': table(
      ['goal', 'measured', 'per round', 'in one process', 'verdict'],
      verdicts.map((entry) => [
        entry.goal,
        entry.measured,
        entry.perRound,
        entry.inOneProcess,
        entry.met ? 'met' : '**missed**',
      ]),
      1,
    ),
    'bench:per-call': overheadTable('per-call'),
    'bench:same-process': table(
      ['row', labelOf('ours'), labelOf('rxjs-retry'), 'ours ÷ RxJS retry', 'same, per round', 'target'],
      sameProcess.map((entry) => [
        entry.label,
        ns(entry.oursMedianNs),
        ns(entry.rxjsRetryMedianNs),
        `**${ratio(entry.oursVsRxjsRetry)}**`,
        spread(entry),
        verdict(entry.target, entry.targetMet),
      ]),
    ),
    'bench:operator-once': overheadTable('operator-once'),
    'bench:source-alone': table(
      ['source alone (no operator), happy path', 'made once', 'made per call'],
      [
        [
          'median per subscription',
          ns(overhead.find((row) => row.id === 'happy')?.medianNs['source-alone']),
          ns(overhead.find((row) => row.id === 'per-call-happy')?.medianNs['source-alone']),
        ],
      ],
    ),
    'bench:schedule': table(
      ['steps', 'waits', 'median per call', 'per wait'],
      schedule.map((entry) => [
        String(entry.steps),
        String(entry.waits),
        ns(entry.medianNsPerCall),
        `${entry.medianNsPerWait.toFixed(1)} ns`,
      ]),
    ),
    'bench:memory': table(
      ['scenario', 'library', 'wait', 'heap before', 'heap after', 'bytes per retry / subscription'],
      memory.map((entry) => [
        entry.scenario === 'one-subscription'
          ? `${entry.count.toLocaleString('en-US')} retries in one subscription`
          : `${entry.count.toLocaleString('en-US')} short subscriptions (1 retry each)`,
        labelOf(entry.peer),
        `${entry.waitMs} ms`,
        `${(entry.heapBeforeBytes / 1024).toFixed(0)} KiB`,
        `${(entry.heapAfterBytes / 1024).toFixed(0)} KiB`,
        `${entry.bytesPerUnit.toFixed(2)} B`,
      ]),
      2,
    ),
    'bench:stack': table(
      ['library', 'retries asked', 'attempts made', 'outcome', 'frames at first / last attempt', 'time'],
      stack.map((entry) => [
        labelOf(entry.peer),
        entry.retries.toLocaleString('en-US'),
        entry.attempts.toLocaleString('en-US'),
        entry.outcome,
        `${entry.firstAttemptFrames} / ${entry.lastAttemptFrames || '–'}`,
        ms(entry.elapsedMs),
      ]),
    ),
    'bench:timers': table(
      [
        'waits',
        'samples',
        'planned',
        'by scheduler.now(): min',
        'p50',
        'p99',
        'max',
        'by performance.now(): min',
        'p50',
        'p99',
        'max',
      ],
      timers.map((entry) => [
        entry.name,
        entry.samples.toLocaleString('en-US'),
        entry.plannedMinMs === entry.plannedMaxMs
          ? ms(entry.plannedMinMs)
          : `${ms(entry.plannedMinMs)} – ${ms(entry.plannedMaxMs)}`,
        ...[entry.bySchedulerNow, entry.byPerformanceNow].flatMap((lateness) => [
          ms(lateness.minMs),
          ms(lateness.p50Ms),
          ms(lateness.p99Ms),
          ms(lateness.maxMs),
        ]),
      ]),
    ),
    'bench:size': table(
      ['import', 'minified', 'gzip'],
      size.map((entry) => [
        `${entry.name} (\`${entry.entry}\`)`,
        `${entry.rawBytes.toLocaleString('en-US')} B`,
        `${entry.gzipBytes.toLocaleString('en-US')} B`,
      ]),
    ),
  };
}

/** Puts each table into docs/performance.md between its markers, then formats the page as CI checks it. */
export async function updateDoc(tables: Readonly<Record<string, string>>): Promise<void> {
  let doc = readFileSync(docPath, 'utf8');
  for (const [name, markdown] of Object.entries(tables)) {
    const pattern = new RegExp(`(<!-- ${name} -->)[\\s\\S]*?(<!-- /${name} -->)`);
    if (!pattern.test(doc)) throw new Error(`docs/performance.md has no <!-- ${name} --> block`);
    doc = doc.replace(pattern, (_, open: string, close: string) => `${open}\n\n${markdown}\n\n${close}`);
  }
  const options = (await resolveConfig(docPath)) ?? {};
  writeFileSync(docPath, await format(doc, { ...options, filepath: docPath }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await updateDoc(
    renderTables(JSON.parse(readFileSync(`${root}bench/results.json`, 'utf8')) as BenchResults),
  );
}
