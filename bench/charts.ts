// Draws docs/images/bench-overhead.svg and docs/images/bench-size.svg from a run's results.
// `npm run bench` calls it; `tsx bench/charts.ts` redraws them from bench/results.json alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SizeResult } from './size.js';
import { bytesChart, ratioChart } from './support/chart.js';
import type { PeerId } from './support/peers.js';

/** The part of bench/results.json the charts read. */
export interface ChartedResults {
  readonly targets: {
    readonly retryRowsVsRxjsRetry: number;
    readonly bundleGzipBytes: number;
    readonly bundleGzipHardLimitBytes: number;
  };
  readonly overhead: readonly {
    readonly label: string;
    readonly medianNs: Readonly<Record<PeerId, number | undefined>>;
  }[];
  readonly size: readonly SizeResult[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

const series = [
  { name: 'onError (this library)', color: '#2a7f62', peer: 'ours' },
  { name: 'backoff-rxjs retryBackoff', color: '#c8642b', peer: 'backoff-rxjs' },
  { name: 'RxJS retry({ count }), no delay', color: '#8a8f98', peer: 'rxjs-retry-sync' },
] as const;

export function writeCharts({ targets, overhead, size }: ChartedResults): void {
  mkdirSync(`${root}docs/images`, { recursive: true });
  writeFileSync(
    `${root}docs/images/bench-overhead.svg`,
    ratioChart({
      title: 'Retry overhead per subscription, relative to RxJS retry({ count, delay })',
      reference: 'RxJS retry({ count, delay })',
      target: targets.retryRowsVsRxjsRetry,
      series,
      groups: overhead.map((row) => ({
        label: row.label,
        bars: series.flatMap((entry) => {
          const value = row.medianNs[entry.peer];
          const reference = row.medianNs['rxjs-retry'];
          return value === undefined || reference === undefined
            ? []
            : [{ series: entry.name, ratio: value / reference }];
        }),
      })),
    }),
  );
  writeFileSync(
    `${root}docs/images/bench-size.svg`,
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
        { label: 'target 700 B', bytes: targets.bundleGzipBytes },
        { label: '1 KB', bytes: targets.bundleGzipHardLimitBytes },
      ],
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeCharts(JSON.parse(readFileSync(`${root}bench/results.json`, 'utf8')) as ChartedResults);
}
