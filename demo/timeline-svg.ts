import { formatMs } from '../src/plan/format-ms.js';
import type { LabRun } from './contention-lab.js';
import { describeBackoff, summarizeRun } from './lab-summary.js';
import { escapeXml } from '../dev-support/escape-xml.js';
import { count } from './count.js';

const WIDTH = 1000;
const LEFT = 70;
const RIGHT = 20;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PANEL_TITLE = 34;
const AXIS = 30;
const PANEL_GAP = 18;
const LEGEND = 40;

const COLORS = {
  span: '#c9ced6',
  ok: '#1a9850',
  conflict: '#d73027',
  throttled: '#f08c00',
  gaveUp: '#111111',
  grid: '#eceff3',
  text: '#222222',
  muted: '#666666',
};

/**
 * Draws the runs as one SVG: a panel per backoff, stacked, on one shared time axis so that their
 * lengths compare at a glance. In each panel time runs left to right and each writer has a row: a
 * grey bar while an update is under way, a red tick for each 409, an orange tick for each 429 (runs
 * behind a throttle), a green dot where the PUT was accepted and a black cross where the writer
 * gave up.
 */
export function renderTimelineSvg(
  runs: readonly LabRun[],
  title = 'retryOnConflict contention lab: timeline per backoff',
): string {
  const longestMs = Math.max(1, ...runs.map((run) => run.wallMs));
  const x = (ms: number): number => LEFT + (ms / longestMs) * PLOT_WIDTH;
  const ticks = timeTicks(longestMs);
  const parts: string[] = [];
  let top = LEGEND;

  for (const run of runs) {
    const rowHeight = Math.max(3, Math.min(12, Math.floor(240 / run.writers)));
    const plotHeight = rowHeight * run.writers;
    const y = (writer: number): number => top + PANEL_TITLE + writer * rowHeight + rowHeight / 2;
    const summary = summarizeRun(run);
    const plotTop = top + PANEL_TITLE;
    parts.push(
      text(LEFT, top + 16, run.name, 'font-weight="bold" font-size="14"'),
      text(
        LEFT,
        top + 29,
        `${describeBackoff(run.backoff)} · ${summary.updatesDone}/${summary.updatesWanted} done · ` +
          (run.throttled
            ? `${run.throttled.requests} requests · ${run.throttled.tooManyRequests} × 429 · `
            : '') +
          `${count(summary.conflicts, 'conflict')} · ${count(summary.giveUps, 'give-up')} · ${summary.lostUpdates} lost · ` +
          `p99 ${summary.latencyMs.p99.toFixed(0)} ms · wall ${(summary.wallMs / 1000).toFixed(2)} s`,
        `font-size="11" fill="${COLORS.muted}"`,
      ),
    );
    for (const tick of ticks) {
      parts.push(line(x(tick), plotTop, x(tick), plotTop + plotHeight, COLORS.grid, 1));
      parts.push(
        text(
          x(tick),
          plotTop + plotHeight + 14,
          formatMs(tick),
          `font-size="10" text-anchor="middle" fill="${COLORS.muted}"`,
        ),
      );
    }
    parts.push(line(x(run.wallMs), plotTop, x(run.wallMs), plotTop + plotHeight, COLORS.muted, 1, '3 3'));
    const labelEvery = Math.ceil(10 / rowHeight);
    for (let writer = 0; writer < run.writers; writer += labelEvery) {
      parts.push(
        text(
          LEFT - 6,
          y(writer) + 3,
          `w${writer + 1}`,
          `font-size="9" text-anchor="end" fill="${COLORS.muted}"`,
        ),
      );
    }
    // A thin bar: the marks on it carry the story, the bar only says the writer is busy.
    const barHeight = Math.max(1, rowHeight * 0.4);
    for (const update of run.updates) {
      parts.push(
        `<rect x="${fmt(x(update.startMs))}" y="${fmt(y(update.writer) - barHeight / 2)}" ` +
          `width="${fmt(Math.max(0.5, x(update.endMs) - x(update.startMs)))}" height="${fmt(barHeight)}" fill="${COLORS.span}"/>`,
      );
    }
    const tick = Math.max(1.5, rowHeight / 2);
    for (const attempt of run.attempts) {
      const ax = x(attempt.endMs);
      const ay = y(attempt.writer);
      parts.push(
        attempt.outcome === 'ok'
          ? `<circle cx="${fmt(ax)}" cy="${fmt(ay)}" r="${fmt(Math.max(1.2, rowHeight / 4))}" fill="${COLORS.ok}"/>`
          : line(
              ax,
              ay - tick,
              ax,
              ay + tick,
              attempt.outcome === 'throttled' ? COLORS.throttled : COLORS.conflict,
              1.2,
            ),
      );
    }
    for (const update of run.updates.filter((u) => u.outcome === 'gave-up')) {
      parts.push(cross(x(update.endMs), y(update.writer), Math.max(2, rowHeight / 2.5)));
    }
    parts.push(
      text(
        WIDTH - RIGHT,
        plotTop + plotHeight + 26,
        'time since the run started →',
        `font-size="10" text-anchor="end" fill="${COLORS.muted}"`,
      ),
    );
    top = plotTop + plotHeight + AXIS + PANEL_GAP;
  }

  const height = top - PANEL_GAP + 4;
  const throttled = runs.some((run) => run.throttled !== undefined);
  const legend = [
    `<rect x="${LEFT}" y="14" width="18" height="6" fill="${COLORS.span}"/>`,
    text(LEFT + 24, 20, 'update under way (one row per writer)', 'font-size="11"'),
    line(LEFT + 260, 11, LEFT + 260, 23, COLORS.conflict, 1.5),
    text(LEFT + 268, 20, '409 conflict, retried', 'font-size="11"'),
    `<circle cx="${LEFT + 402}" cy="17" r="3.5" fill="${COLORS.ok}"/>`,
    text(LEFT + 410, 20, 'PUT accepted', 'font-size="11"'),
    cross(LEFT + 507, 17, 4),
    text(LEFT + 515, 20, 'gave up (last 409 returned)', 'font-size="11"'),
    line(LEFT + 690, 11, LEFT + 690, 23, COLORS.muted, 1, '3 3'),
    text(LEFT + 697, 20, 'run ends', 'font-size="11"'),
    ...(throttled
      ? [
          line(LEFT + 770, 11, LEFT + 770, 23, COLORS.throttled, 1.5),
          text(LEFT + 778, 20, '429, retried', 'font-size="11"'),
        ]
      : []),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${fmt(height)}" viewBox="0 0 ${WIDTH} ${fmt(height)}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" fill="${COLORS.text}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...legend,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** About six round tick positions from 0 to `endMs`. */
function timeTicks(endMs: number): number[] {
  const rough = endMs / 6;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick <= endMs + 1e-9; tick += step) ticks.push(tick);
  return ticks;
}

function fmt(value: number): string {
  return Number(value.toFixed(1)).toString();
}

function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width: number,
  dash?: string,
): string {
  const dashes = dash === undefined ? '' : ` stroke-dasharray="${dash}"`;
  return `<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}" stroke="${stroke}" stroke-width="${width}"${dashes}/>`;
}

function cross(cx: number, cy: number, size: number): string {
  return (
    line(cx - size, cy - size, cx + size, cy + size, COLORS.gaveUp, 1.6) +
    line(cx - size, cy + size, cx + size, cy - size, COLORS.gaveUp, 1.6)
  );
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${fmt(x)}" y="${fmt(y)}" ${attributes}>${escapeXml(content)}</text>`;
}
