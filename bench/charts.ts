// Draws the charts under docs/images/ from a run's results. `npm run bench` calls it;
// `tsx bench/charts.ts` redraws them from bench/results.json alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Shape } from './support/overhead-rows.js';
import type { SizeResult } from './size.js';
import { bytesChart, ratioChart, type RatioGroup } from './support/chart.js';
import type { PeerId } from './support/peers.js';

/** The part of bench/results.json the charts read. */
export interface ChartedResults {
  readonly targets: { readonly bundleGzipCeilingBytes: number };
  readonly overhead: readonly {
    readonly label: string;
    readonly shape: Shape;
    readonly target?: number | undefined;
    readonly medianNs: Readonly<Partial<Record<PeerId, number | undefined>>>;
    /** One median per round, by peer; rounds line up across peers. */
    readonly roundsNs: Readonly<Partial<Record<PeerId, readonly number[] | undefined>>>;
  }[];
  readonly size: readonly SizeResult[];
}

export const chartFiles = [
  'docs/images/bench-per-call.svg',
  'docs/images/bench-overhead.svg',
  'docs/images/bench-size.svg',
] as const;

const root = fileURLToPath(new URL('..', import.meta.url));

const series = [
  { name: 'this library', color: '#2a7f62', peer: 'ours' },
  { name: 'backoff-rxjs retryBackoff', color: '#c8642b', peer: 'backoff-rxjs' },
  { name: 'RxJS retry({ count }), no delay (synchronous)', color: '#8a8f98', peer: 'rxjs-retry-sync' },
] as const;

const REFERENCE = 'RxJS retry({ count, delay })';

/** Each row as a group of bars: every series that ran it, divided by RxJS `retry`, with its spread. */
function groupsOf(rows: ChartedResults['overhead']): RatioGroup[] {
  return rows.map((row) => ({
    label: row.label,
    ...(row.target === undefined ? {} : { target: row.target }),
    bars: series.flatMap((entry) => {
      const value = row.medianNs[entry.peer];
      const reference = row.medianNs['rxjs-retry'];
      if (value === undefined || reference === undefined) return [];
      const theirs = row.roundsNs['rxjs-retry'] ?? [];
      const perRound = (row.roundsNs[entry.peer] ?? []).map((ns, round) => ns / theirs[round]!);
      return [
        {
          series: entry.name,
          ratio: value / reference,
          ...(perRound.length > 1
            ? { spread: { min: Math.min(...perRound), max: Math.max(...perRound) } }
            : {}),
        },
      ];
    }),
  }));
}

export function writeCharts({ targets, overhead, size }: ChartedResults): void {
  mkdirSync(`${root}docs/images`, { recursive: true });
  const [perCallFile, onceFile, sizeFile] = chartFiles;
  writeFileSync(
    `${root}${perCallFile}`,
    ratioChart({
      title: `Operator and pipeline made per call, relative to ${REFERENCE} made the same way`,
      reference: REFERENCE,
      series,
      groups: groupsOf(overhead.filter((row) => row.shape !== 'operator-once')),
    }),
  );
  writeFileSync(
    `${root}${onceFile}`,
    ratioChart({
      title: `Operator made once, piped per subscription, relative to ${REFERENCE}`,
      reference: REFERENCE,
      series,
      groups: groupsOf(overhead.filter((row) => row.shape === 'operator-once')),
    }),
  );
  writeFileSync(
    `${root}${sizeFile}`,
    bytesChart({
      title: 'Bundle size, gzip bytes',
      // RxJS bundled whole is in the table; in the chart it would dwarf the retry code compared.
      bars: size
        .filter((entry) => entry.rxjsExternal && !entry.name.startsWith('part:'))
        .map((entry) => ({
          label: entry.name,
          bytes: entry.gzipBytes,
          highlight: entry.name.startsWith('rxjs-retry-on-conflict'),
        })),
      limits: [
        {
          label: `goal ${targets.bundleGzipCeilingBytes.toLocaleString('en-US')} B`,
          bytes: targets.bundleGzipCeilingBytes,
        },
      ],
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeCharts(JSON.parse(readFileSync(`${root}bench/results.json`, 'utf8')) as ChartedResults);
}
