import { escapeXml } from '../dev-support/escape-xml.js';

/** One backoff's figures at each number of writers. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  /** Drawn dashed: a schedule the library does not offer, shown for comparison. */
  readonly dashed: boolean;
  readonly points: readonly {
    readonly writers: number;
    readonly landedShare: number;
    readonly requestsPerUpdate: number;
    readonly p99Ms: number;
  }[];
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
const WIDTH = 1000;
const PANEL_WIDTH = 275;
const PANEL_HEIGHT = 230;
const PANEL_GAP = 50;
const LEFT = 60;
const TOP = 120;

interface Panel {
  readonly title: string;
  readonly value: (point: ChartSeries['points'][number]) => number;
  readonly log: boolean;
  readonly ticks: readonly number[];
  readonly format: (value: number) => string;
}

const PANELS: readonly Panel[] = [
  {
    title: 'updates that land',
    value: (point) => 100 * point.landedShare,
    log: false,
    ticks: [0, 25, 50, 75, 100],
    format: (value) => `${value} %`,
  },
  {
    title: 'requests per update (2 = no retry)',
    value: (point) => point.requestsPerUpdate,
    log: true,
    ticks: [2, 5, 10, 20, 50],
    format: String,
  },
  {
    title: 'latency p99 of landed updates (ms)',
    value: (point) => point.p99Ms,
    log: true,
    ticks: [10, 100, 1000, 10_000, 100_000],
    format: (value) => (value >= 1000 ? `${value / 1000} s` : String(value)),
  },
];

/**
 * Three panels side by side, for N writers on a log axis: the share of updates that land, the
 * requests per update, and the p99 latency; one line per backoff, dashed for full jitter.
 */
export function renderModelChartSvg(series: readonly ChartSeries[]): string {
  const writers = series[0]?.points.map((point) => point.writers) ?? [];
  const minN = Math.min(...writers);
  const maxN = Math.max(...writers);
  const parts: string[] = [
    `<text x="${LEFT}" y="24" font-size="16" font-weight="bold" fill="#222">N writers update one document at once: what lands, at what load and latency</text>`,
    `<text x="${LEFT}" y="42" font-size="11.5" fill="#666">Model: retryOnConflict on a virtual clock; network |Normal(10 ms, 2 ms)| each way, server time 0 (the AWS post's model). npx tsx demo/contention-model.ts</text>`,
  ];
  series.forEach((entry, index) => {
    const x = LEFT + (index % 3) * 310;
    const y = 60 + Math.floor(index / 3) * 16;
    parts.push(
      `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="${entry.color}" stroke-width="2.5"${entry.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${x + 30}" y="${y + 4}" font-size="12" fill="#222">${escapeXml(entry.name)}</text>`,
    );
  });
  PANELS.forEach((panel, index) => {
    const left = LEFT + index * (PANEL_WIDTH + PANEL_GAP);
    const xOf = (n: number) =>
      left + ((Math.log(n) - Math.log(minN)) / (Math.log(maxN) - Math.log(minN))) * PANEL_WIDTH;
    const values = series.flatMap((entry) => entry.points.map(panel.value)).filter((value) => value > 0);
    const ticks = panel.log
      ? panel.ticks.filter(
          (tick, i) =>
            tick <= Math.max(...values) || i === 0 || (panel.ticks[i - 1] ?? 0) < Math.max(...values),
        )
      : panel.ticks;
    const low = panel.log ? Math.min(ticks[0] ?? 1, ...values) : 0;
    const high = panel.log ? Math.max(ticks.at(-1) ?? 1, ...values) : 100;
    const yOf = (value: number) =>
      TOP +
      PANEL_HEIGHT -
      (panel.log
        ? ((Math.log(Math.max(value, low)) - Math.log(low)) / (Math.log(high) - Math.log(low))) * PANEL_HEIGHT
        : ((value - low) / (high - low)) * PANEL_HEIGHT);
    parts.push(
      `<text x="${left}" y="${TOP - 10}" font-size="13" font-weight="bold" fill="#222">${escapeXml(panel.title)}</text>`,
      `<rect x="${left}" y="${TOP}" width="${PANEL_WIDTH}" height="${PANEL_HEIGHT}" fill="none" stroke="#ccc"/>`,
    );
    for (const tick of ticks) {
      const y = yOf(tick).toFixed(1);
      parts.push(
        `<line x1="${left}" y1="${y}" x2="${left + PANEL_WIDTH}" y2="${y}" stroke="#eceff3"/>`,
        `<text x="${left - 5}" y="${Number(y) + 4}" font-size="10.5" text-anchor="end" fill="#666">${panel.format(tick)}</text>`,
      );
    }
    for (const n of writers) {
      parts.push(
        `<text x="${xOf(n).toFixed(1)}" y="${TOP + PANEL_HEIGHT + 15}" font-size="10.5" text-anchor="middle" fill="#666">${n >= 1000 ? `${n / 1000}k` : n}</text>`,
      );
    }
    parts.push(
      `<text x="${left + PANEL_WIDTH / 2}" y="${TOP + PANEL_HEIGHT + 32}" font-size="11" text-anchor="middle" fill="#666">writers (log scale)</text>`,
    );
    for (const entry of series) {
      const points = entry.points
        .filter((point) => !panel.log || panel.value(point) > 0)
        .map((point) => `${xOf(point.writers).toFixed(1)},${yOf(panel.value(point)).toFixed(1)}`);
      parts.push(
        `<polyline points="${points.join(' ')}" fill="none" stroke="${entry.color}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      );
    }
  });
  const height = TOP + PANEL_HEIGHT + 45;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ${FONT}>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}
