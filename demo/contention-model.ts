// Runs the contention model against its two references and over N = 10 … 10,000 writers, and writes
// what it finds: docs/data/contention-model.json, the chart docs/images/contention-model.svg and the
// generated tables of docs/contention-model.md. `npx tsx demo/contention-model.ts` (about 3 minutes
// on two cores); `--tables-only` redraws the chart and the tables from the JSON alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { VirtualTimeScheduler } from 'rxjs';
import { DefaultBackoff, DefaultRetry, type Backoff } from 'rxjs-retry-on-conflict';
import { summarizeRuns, type ContentionSummary } from '../src/cli/simulate/contention-summary.js';
import type { NetworkModel } from '../src/cli/simulate/modelled-store.js';
import { simulateContention, type RetryPolicy } from '../src/cli/simulate/simulate-contention.js';
import { awsBackoffs, fullJitterOf, type AwsBackoffName } from '../src/cli/simulate/wait-functions.js';
import { formatMarkdownTable } from '../dev-support/markdown-table.js';
import { renderModelChartSvg, type ChartSeries } from './model-chart-svg.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${root}${file}`, 'utf8'));

/** The AWS post's network: |Normal(10 ms, 2 ms)| each way, and a server that takes no time. */
export const AWS_NETWORK: NetworkModel = {
  delayMeanMs: 10,
  delaySdMs: 2,
  readServiceMs: 0,
  writeServiceMs: 0,
};

/**
 * The lab's loopback server, as the model sees it: 1.5 ms of server time per GET and per PUT, one
 * at a time, and |Normal(1 ms, 0.5 ms)| each way for the client's and the loopback's share. Fitted by
 * hand to the run that docs/demo.md shows; the other runs are the check.
 */
export const LAB_NETWORK: NetworkModel = {
  delayMeanMs: 1,
  delaySdMs: 0.5,
  readServiceMs: 1.5,
  writeServiceMs: 1.5,
};

/** The lab's custom backoff, whose jitter the chart varies. */
export const LAB_CUSTOM: Backoff = { steps: 25, duration: 5, factor: 1.3, jitter: 1 };

/** docs/data/aws-backoff-simulator.json, the part the model reads. */
export interface AwsReference {
  readonly seeds: readonly number[];
  readonly rows: readonly {
    readonly clients: number;
    readonly backoff: AwsBackoffName;
    readonly timeMs: readonly number[];
    readonly calls: readonly number[];
  }[];
}

/** One backoff's figures from one lab run, or from the model. */
export interface LabFigures {
  readonly updatesDone: number;
  readonly giveUps: number;
  readonly conflicts: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly wallMs: number;
}

/** docs/data/contention-lab-runs.json, the part the model reads. */
export interface LabReference {
  readonly writers: number;
  readonly increments: number;
  readonly backoffs: Readonly<Record<string, Backoff>>;
  readonly runs: readonly {
    readonly label: string;
    readonly backoffs: Readonly<Record<string, LabFigures>>;
  }[];
}

/** What the script computed: the JSON it writes. */
export interface ModelResults {
  readonly aws: readonly {
    readonly clients: number;
    readonly backoff: string;
    readonly timeMs: number;
    readonly calls: number;
  }[];
  readonly awsNoneByOperator: readonly {
    readonly clients: number;
    readonly timeMs: number;
    readonly calls: number;
  }[];
  readonly lab: Readonly<Record<string, LabFigures>>;
  readonly chart: readonly {
    readonly series: string;
    readonly points: readonly {
      readonly writers: number;
      readonly landedShare: number;
      readonly requestsPerUpdate: number;
      readonly p50Ms: number;
      readonly p99Ms: number;
    }[];
  }[];
  readonly speed: {
    readonly writers: number;
    readonly cpuMs: number;
    readonly peakRssMb: number;
    readonly versusVirtualTime: readonly {
      readonly writers: number;
      readonly eventMs: number;
      readonly virtualTimeMs: number;
    }[];
  };
}

/** Seeds of the AWS comparison: as many runs as the reference averages. */
export const AWS_RUNS = 100;
/** Seeds of the lab comparison. */
export const LAB_SEEDS = 20;

/** The model's row of the AWS table: the mean over {@link AWS_RUNS} seeded runs, as the reference does. */
export function awsRow(clients: number, retry: RetryPolicy): { timeMs: number; calls: number } {
  let timeMs = 0;
  let calls = 0;
  for (let seed = 1; seed <= AWS_RUNS; seed++) {
    const result = simulateContention({ writers: clients, retry, network: AWS_NETWORK, seed });
    timeMs += result.completionMs;
    calls += result.writes;
  }
  return { timeMs: round(timeMs / AWS_RUNS, 1), calls: round(calls / AWS_RUNS, 2) };
}

/** The model's figures for one lab column: {@link LAB_SEEDS} runs of 20 writers × 10 increments, added up. */
export function labModel(backoff: Backoff, writers = 20, increments = 10): LabFigures {
  const runs = Array.from({ length: LAB_SEEDS }, (_, index) =>
    simulateContention({
      writers,
      updatesPerWriter: increments,
      retry: { backoff },
      network: LAB_NETWORK,
      seed: index + 1,
    }),
  );
  const summary = summarizeRuns(runs);
  return {
    updatesDone: round(summary.done / LAB_SEEDS, 1),
    giveUps: round(summary.giveUps / LAB_SEEDS, 1),
    conflicts: round(summary.conflicts / LAB_SEEDS, 1),
    latencyP50Ms: round(summary.latencyMs.p50, 1),
    latencyP99Ms: round(summary.latencyMs.p99, 1),
    wallMs: round(summary.meanCompletionMs, 0),
  };
}

/** The chart's series: client-go's presets, the lab's backoff at three jitters, and full jitter. */
export function chartSeries(): readonly { readonly name: string; readonly retry: RetryPolicy }[] {
  return [
    { name: 'DefaultRetry', retry: { backoff: DefaultRetry } },
    { name: 'DefaultBackoff', retry: { backoff: DefaultBackoff } },
    { name: '25×5ms ×1.3, jitter 0', retry: { backoff: { ...LAB_CUSTOM, jitter: 0 } } },
    { name: '25×5ms ×1.3, jitter 0.1', retry: { backoff: { ...LAB_CUSTOM, jitter: 0.1 } } },
    { name: '25×5ms ×1.3, jitter 1', retry: { backoff: LAB_CUSTOM } },
    {
      name: '25×5ms ×1.3, AWS full jitter',
      retry: (({ schedule, maxAttempts }) => ({ waits: schedule, maxAttempts }))(fullJitterOf(LAB_CUSTOM)),
    },
  ];
}

export const CHART_WRITERS = [10, 30, 100, 300, 1000, 3000, 10_000] as const;

function chartPoint(writers: number, retry: RetryPolicy): ModelResults['chart'][number]['points'][number] {
  const runs = writers <= 1000 ? 3 : 1;
  const summary: ContentionSummary = summarizeRuns(
    Array.from({ length: runs }, (_, index) =>
      simulateContention({ writers, retry, network: AWS_NETWORK, seed: index + 1 }),
    ),
  );
  return {
    writers,
    landedShare: round(summary.landedShare, 4),
    requestsPerUpdate: round(summary.requestsPerUpdate, 2),
    p50Ms: round(summary.latencyMs.p50, 1),
    p99Ms: round(summary.latencyMs.p99, 1),
  };
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
}

/**
 * CPU time of one run of 10,000 writers under DefaultRetry, the peak resident memory of the process
 * after it (run first, so that nothing else has grown the process), and RxJS's VirtualTimeScheduler
 * against the EventScheduler on the same runs.
 */
function measureSpeed(): ModelResults['speed'] {
  const run = (writers: number, scheduler?: VirtualTimeScheduler) => () =>
    void simulateContention({
      writers,
      retry: { backoff: DefaultRetry },
      network: AWS_NETWORK,
      seed: 1,
      ...(scheduler ? { scheduler } : {}),
    });
  const writers = 10_000;
  const cpu = cpuMs(run(writers));
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const versusVirtualTime = [300, 1000, 3000].map((count) => ({
    writers: count,
    eventMs: cpuMs(run(count)),
    virtualTimeMs: cpuMs(run(count, new VirtualTimeScheduler(undefined, Infinity))),
  }));
  return { writers, cpuMs: cpu, peakRssMb, versusVirtualTime };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function compute(): ModelResults {
  const speed = measureSpeed();
  const reference = readJson('docs/data/aws-backoff-simulator.json') as AwsReference;
  const waits = awsBackoffs(5, 2000);
  const aws = reference.rows.map((row) => ({
    clients: row.clients,
    backoff: row.backoff,
    ...awsRow(row.clients, { waits: waits[row.backoff], maxAttempts: Infinity }),
  }));
  const awsNoneByOperator = [10, 20, 30, 40, 50].map((clients) => ({
    clients,
    ...awsRow(clients, { backoff: NO_WAIT }),
  }));
  const labReference = readJson('docs/data/contention-lab-runs.json') as LabReference;
  const lab = Object.fromEntries(
    Object.entries(labReference.backoffs).map(([name, backoff]) => [
      name,
      labModel(backoff, labReference.writers, labReference.increments),
    ]),
  );
  const chart = chartSeries().map(({ name, retry }) => {
    process.stderr.write(`chart: ${name}\n`);
    return { series: name, points: CHART_WRITERS.map((writers) => chartPoint(writers, retry)) };
  });
  return { aws, awsNoneByOperator, lab, chart, speed };
}

/** "None" as a Go backoff: no wait, and more attempts than any update of the AWS runs needs. */
export const NO_WAIT: Backoff = { steps: 10_000, duration: 0, factor: 1, jitter: 0 };

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const signedPercent = (model: number, reference: number): string => {
  const percent = (100 * (model - reference)) / reference;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(1)} %`;
};

/** How far the model may be from the AWS reference's mean, as a share of it. */
export const AWS_TOLERANCE = { timeMs: 0.05, calls: 0.03 } as const;

/**
 * How far the model may be from the median of the lab's runs: updates done and give-ups in points
 * of the updates wanted, conflicts as a share of the median, latencies as a factor.
 */
export const LAB_TOLERANCE = { updatesPoints: 15, conflictsShare: 0.3, latencyFactor: 4 } as const;

/** Whether each figure of the model's lab column is within {@link LAB_TOLERANCE} of the lab's median. */
export function labWithin(
  model: LabFigures,
  runs: readonly LabFigures[],
  updates: number,
): Record<keyof LabFigures, boolean> {
  const mid = (field: keyof LabFigures) => median(runs.map((run) => run[field]));
  const points = (field: 'updatesDone' | 'giveUps') =>
    (100 * Math.abs(model[field] - mid(field))) / updates <= LAB_TOLERANCE.updatesPoints;
  const factor = (field: 'latencyP50Ms' | 'latencyP99Ms') =>
    Math.max(model[field] / mid(field), mid(field) / model[field]) <= LAB_TOLERANCE.latencyFactor;
  return {
    updatesDone: points('updatesDone'),
    giveUps: points('giveUps'),
    conflicts:
      Math.abs(model.conflicts - mid('conflicts')) <= LAB_TOLERANCE.conflictsShare * mid('conflicts'),
    latencyP50Ms: factor('latencyP50Ms'),
    latencyP99Ms: factor('latencyP99Ms'),
    wallMs: true,
  };
}

/** Whether a model row of the AWS table is within {@link AWS_TOLERANCE} of the reference's mean. */
export function awsWithin(
  model: { readonly timeMs: number; readonly calls: number },
  reference: { readonly timeMs: readonly number[]; readonly calls: readonly number[] },
): boolean {
  return (
    Math.abs(model.timeMs - mean(reference.timeMs)) <= AWS_TOLERANCE.timeMs * mean(reference.timeMs) &&
    Math.abs(model.calls - mean(reference.calls)) <= AWS_TOLERANCE.calls * mean(reference.calls)
  );
}

const AWS_LABELS: Readonly<Record<AwsBackoffName, string>> = {
  exponential: 'Exponential',
  decorrelated: 'Decorrelated',
  equalJitter: 'Equal jitter',
  fullJitter: 'Full jitter',
  none: 'None',
};

function awsTable(results: ModelResults): string {
  const reference = readJson('docs/data/aws-backoff-simulator.json') as AwsReference;
  const rows = [
    [
      'clients',
      'backoff',
      'time: AWS script',
      'time: model',
      'Δ',
      'calls: AWS script',
      'calls: model',
      'Δ',
      'within',
    ],
  ];
  for (const row of reference.rows) {
    const model = results.aws.find((entry) => entry.clients === row.clients && entry.backoff === row.backoff);
    if (model === undefined) throw new Error(`no model row for ${row.clients} ${row.backoff}`);
    rows.push([
      String(row.clients),
      AWS_LABELS[row.backoff],
      `${Math.round(mean(row.timeMs))} (${Math.min(...row.timeMs)}–${Math.max(...row.timeMs)})`,
      model.timeMs.toFixed(0),
      signedPercent(model.timeMs, mean(row.timeMs)),
      `${mean(row.calls).toFixed(1)} (${Math.min(...row.calls)}–${Math.max(...row.calls)})`,
      model.calls.toFixed(1),
      signedPercent(model.calls, mean(row.calls)),
      awsWithin(model, row) ? 'yes' : '**no**',
    ]);
  }
  return formatMarkdownTable(rows, [
    'right',
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
}

function awsNoneTable(results: ModelResults): string {
  const rows = [
    [
      'clients',
      'time: plain wait function',
      'time: retryOnConflict',
      'calls: plain',
      'calls: retryOnConflict',
    ],
  ];
  for (const byOperator of results.awsNoneByOperator) {
    const plain = results.aws.find(
      (entry) => entry.clients === byOperator.clients && entry.backoff === 'none',
    );
    rows.push([
      String(byOperator.clients),
      (plain?.timeMs ?? 0).toFixed(0),
      byOperator.timeMs.toFixed(0),
      (plain?.calls ?? 0).toFixed(1),
      byOperator.calls.toFixed(1),
    ]);
  }
  return formatMarkdownTable(rows, ['right', 'right', 'right', 'right', 'right']);
}

function labTable(results: ModelResults): string {
  const reference = readJson('docs/data/contention-lab-runs.json') as LabReference;
  const updates = reference.writers * reference.increments;
  const figures: readonly [keyof LabFigures, string, (value: number) => string][] = [
    ['updatesDone', `updates done (of ${updates})`, (value) => value.toFixed(0)],
    ['giveUps', 'give-ups', (value) => value.toFixed(0)],
    ['conflicts', 'conflicts (409)', (value) => value.toFixed(0)],
    ['latencyP50Ms', 'latency p50 (ms)', (value) => value.toFixed(1)],
    ['latencyP99Ms', 'latency p99 (ms)', (value) => value.toFixed(0)],
    ['wallMs', 'all done after (ms)', (value) => value.toFixed(0)],
  ];
  const rows = [['backoff', 'figure', 'lab: median (min–max of 6 runs)', 'model (20 seeds)', 'within']];
  for (const [name, model] of Object.entries(results.lab)) {
    const runs = reference.runs.map((run) => {
      const figuresOfRun = run.backoffs[name];
      if (figuresOfRun === undefined) throw new Error(`lab run ${run.label} has no ${name}`);
      return figuresOfRun;
    });
    const within = labWithin(model, runs, updates);
    for (const [field, label, format] of figures) {
      const values = runs.map((run) => run[field]);
      rows.push([
        name,
        label,
        `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`,
        format(model[field]),
        field === 'wallMs' ? 'not compared' : within[field] ? 'yes' : '**no**',
      ]);
    }
  }
  return formatMarkdownTable(rows, ['left', 'left', 'right', 'right', 'left']);
}

function chartTable(results: ModelResults): string {
  const rows = [['backoff', ...CHART_WRITERS.map((writers) => `N = ${writers.toLocaleString('en-US')}`)]];
  for (const series of results.chart) {
    rows.push([
      series.series,
      ...series.points.map(
        (point) =>
          `${(100 * point.landedShare).toFixed(point.landedShare < 0.1 ? 1 : 0)} % · ${point.requestsPerUpdate.toFixed(1)}`,
      ),
    ]);
  }
  return formatMarkdownTable(rows, ['left', ...CHART_WRITERS.map(() => 'right' as const)]);
}

function speedTable(results: ModelResults): string {
  const rows = [['writers', 'EventScheduler (CPU ms)', 'VirtualTimeScheduler (CPU ms)']];
  for (const row of results.speed.versusVirtualTime) {
    rows.push([row.writers.toLocaleString('en-US'), String(row.eventMs), String(row.virtualTimeMs)]);
  }
  rows.push([
    results.speed.writers.toLocaleString('en-US'),
    `${results.speed.cpuMs} (peak memory of the process: ${results.speed.peakRssMb} MB)`,
    'not run',
  ]);
  return formatMarkdownTable(rows, ['right', 'right', 'right']);
}

const CHART_COLORS = ['#d73027', '#4575b4', '#999999', '#fdae61', '#1a9850', '#762a83'];

/** Replaces what stands between `<!-- generated: NAME -->` and `<!-- /generated -->` in `page`. */
export function replaceGenerated(page: string, name: string, content: string): string {
  const open = `<!-- generated: ${name} -->`;
  const start = page.indexOf(open);
  const end = page.indexOf('<!-- /generated -->', start);
  if (start < 0 || end < 0) throw new Error(`docs/contention-model.md has no generated block "${name}"`);
  return `${page.slice(0, start + open.length)}\n\n${content.trimEnd()}\n\n${page.slice(end)}`;
}

/** The chart's SVG for `results`. */
export function renderChart(results: ModelResults): string {
  const series: ChartSeries[] = results.chart.map((entry, index) => ({
    name: entry.series,
    color: CHART_COLORS[index % CHART_COLORS.length] ?? '#000000',
    dashed: entry.series.includes('AWS full jitter'),
    points: entry.points,
  }));
  return renderModelChartSvg(series);
}

/** docs/contention-model.md with its generated tables made from `results`, formatted as Prettier does. */
export async function renderPage(page: string, results: ModelResults): Promise<string> {
  let rendered = replaceGenerated(page, 'aws', awsTable(results));
  rendered = replaceGenerated(rendered, 'aws-none', awsNoneTable(results));
  rendered = replaceGenerated(rendered, 'lab', labTable(results));
  rendered = replaceGenerated(rendered, 'chart', chartTable(results));
  rendered = replaceGenerated(rendered, 'speed', speedTable(results));
  const file = `${root}docs/contention-model.md`;
  return prettier.format(rendered, { ...(await prettier.resolveConfig(file)), filepath: file });
}

/** The results docs/data/contention-model.json holds. */
export const committedResults = (): ModelResults =>
  readJson('docs/data/contention-model.json') as ModelResults;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = `${root}docs/data/contention-model.json`;
  let results: ModelResults;
  if (process.argv.includes('--tables-only')) {
    results = committedResults();
  } else {
    results = compute();
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
  writeFileSync(`${root}docs/images/contention-model.svg`, renderChart(results));
  const page = `${root}docs/contention-model.md`;
  writeFileSync(page, await renderPage(readFileSync(page, 'utf8'), results));
  process.stdout.write(
    'Wrote docs/data/contention-model.json, docs/images/contention-model.svg, docs/contention-model.md\n',
  );
}
