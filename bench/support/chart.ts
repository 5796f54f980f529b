import { escapeXml } from '../../dev-support/escape-xml.js';
// Hand-written SVG charts, so that the bench needs no plotting dependency.

export interface RatioGroup {
  readonly label: string;
  /** The ratio this group aims at, drawn as a dashed mark across its bars. */
  readonly target?: number;
  readonly bars: readonly {
    readonly series: string;
    readonly ratio: number;
    /** Lowest and highest ratio over the rounds, drawn as a whisker. */
    readonly spread?: { readonly min: number; readonly max: number };
  }[];
}

export interface Series {
  readonly name: string;
  readonly color: string;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function formatRatio(ratio: number): string {
  return `${ratio < 0.995 ? ratio.toFixed(2) : ratio.toFixed(ratio < 10 ? 2 : 1)}×`;
}

/**
 * Bars that start at 1 (the reference) and end at each ratio, on a log scale: left of the line is
 * faster than the reference, right of it slower. A whisker spans a bar's spread over the rounds; a
 * red dashed mark across a group is its target.
 */
export function ratioChart(options: {
  readonly title: string;
  readonly reference: string;
  readonly series: readonly Series[];
  readonly groups: readonly RatioGroup[];
}): string {
  const { title, reference, series, groups } = options;
  const width = 960;
  const labelWidth = 290;
  const plotLeft = labelWidth + 10;
  const plotRight = width - 70;
  const barHeight = 13;
  const barGap = 3;
  const groupGap = 14;
  const top = 78;
  const ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];
  const allRatios = groups.flatMap((group) => [
    ...(group.target === undefined ? [] : [group.target]),
    ...group.bars.flatMap((bar) => [bar.ratio, ...(bar.spread ? [bar.spread.min, bar.spread.max] : [])]),
  ]);
  const minTick = ticks.filter((tick) => tick <= Math.min(...allRatios)).pop() ?? ticks[0]!;
  const maxTick = ticks.find((tick) => tick >= Math.max(...allRatios, 1)) ?? ticks[ticks.length - 1]!;
  const x = (ratio: number) =>
    plotLeft +
    ((Math.log(ratio) - Math.log(minTick)) / (Math.log(maxTick) - Math.log(minTick))) *
      (plotRight - plotLeft);

  const parts: string[] = [];
  let y = top;
  for (const group of groups) {
    const groupHeight = group.bars.length * (barHeight + barGap) - barGap;
    if (group.target === undefined) {
      parts.push(
        `<text x="${labelWidth}" y="${y + groupHeight / 2 + 4}" text-anchor="end" font-size="12" fill="#222">${escapeXml(group.label)}</text>`,
      );
    } else {
      parts.push(
        `<text x="${labelWidth}" y="${y + groupHeight / 2 - 2}" text-anchor="end" font-size="12" fill="#222">${escapeXml(group.label)}</text>`,
        `<text x="${labelWidth}" y="${y + groupHeight / 2 + 11}" text-anchor="end" font-size="10.5" fill="#b00">target ≤ ${group.target}×</text>`,
      );
    }
    const groupTop = y;
    for (const bar of group.bars) {
      const color = series.find((candidate) => candidate.name === bar.series)?.color ?? '#999';
      const from = x(Math.min(1, bar.ratio));
      const to = x(Math.max(1, bar.ratio));
      // The label goes past the bar or its whisker, whichever reaches further from 1.
      const end =
        bar.ratio < 1
          ? x(Math.min(bar.ratio, bar.spread?.min ?? bar.ratio)) - 4
          : x(Math.max(bar.ratio, bar.spread?.max ?? bar.ratio)) + 4;
      parts.push(
        `<rect x="${from.toFixed(1)}" y="${y}" width="${Math.max(1, to - from).toFixed(1)}" height="${barHeight}" fill="${color}"><title>${escapeXml(`${bar.series}: ${formatRatio(bar.ratio)}`)}</title></rect>`,
        `<text x="${end.toFixed(1)}" y="${y + barHeight - 3}" text-anchor="${bar.ratio < 1 ? 'end' : 'start'}" font-size="10.5" fill="#333">${formatRatio(bar.ratio)}</text>`,
      );
      if (bar.spread !== undefined) {
        const middle = (y + barHeight / 2).toFixed(1);
        const [low, high] = [x(bar.spread.min).toFixed(1), x(bar.spread.max).toFixed(1)];
        parts.push(
          `<path d="M${low} ${y + 3}V${y + barHeight - 3}M${low} ${middle}H${high}M${high} ${y + 3}V${y + barHeight - 3}" stroke="#111" stroke-width="1" fill="none"><title>${escapeXml(`rounds: ${formatRatio(bar.spread.min)} to ${formatRatio(bar.spread.max)}`)}</title></path>`,
        );
      }
      y += barHeight + barGap;
    }
    if (group.target !== undefined) {
      const at = x(group.target).toFixed(1);
      parts.push(
        `<line x1="${at}" y1="${groupTop - 3}" x2="${at}" y2="${groupTop + groupHeight + 3}" stroke="#b00" stroke-width="2" stroke-dasharray="3 2"><title>target ${group.target}×</title></line>`,
      );
    }
    y += groupGap;
  }
  const bottom = y - groupGap + 8;
  const axis = ticks
    .filter((tick) => tick >= minTick && tick <= maxTick)
    .map(
      (tick) =>
        `<line x1="${x(tick).toFixed(1)}" y1="${top - 6}" x2="${x(tick).toFixed(1)}" y2="${bottom}" stroke="#e3e3e3"/>` +
        `<text x="${x(tick).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="11" fill="#555">${tick}×</text>`,
    );
  // Each legend entry as wide as its name, at about 6.5 px a character of 12 px text.
  let legendX = 12;
  const legend = series.map((entry) => {
    const at = legendX;
    legendX += 17 + entry.name.length * 6.5 + 24;
    return (
      `<rect x="${at}" y="36" width="12" height="12" fill="${entry.color}"/>` +
      `<text x="${at + 17}" y="46" font-size="12" fill="#222">${escapeXml(entry.name)}</text>`
    );
  });
  const height = bottom + 60;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
    ...legend,
    ...axis,
    `<line x1="${x(1).toFixed(1)}" y1="${top - 10}" x2="${x(1).toFixed(1)}" y2="${bottom}" stroke="#111" stroke-width="1.5"/>`,
    `<text x="${(x(1) + 4).toFixed(1)}" y="${top - 14}" font-size="11" fill="#111">${escapeXml(reference)} = 1×</text>`,
    ...parts,
    `<text x="${plotLeft}" y="${bottom + 34}" font-size="11" fill="#555">Median time relative to the reference, log scale: left of it is faster.</text>`,
    `<text x="${plotLeft}" y="${bottom + 49}" font-size="11" fill="#555">Whiskers: lowest to highest ratio over the rounds. Red dashes: the target.</text>`,
    `</svg>`,
    '',
  ].join('\n');
}

/** Horizontal bars of byte counts, with dashed lines at the given limits. */
export function bytesChart(options: {
  readonly title: string;
  readonly bars: readonly { readonly label: string; readonly bytes: number; readonly highlight: boolean }[];
  readonly limits: readonly { readonly label: string; readonly bytes: number }[];
}): string {
  const { title, bars, limits } = options;
  const width = 860;
  const labelWidth = 330;
  const plotLeft = labelWidth + 10;
  const plotRight = width - 80;
  const barHeight = 16;
  const gap = 7;
  const top = 52;
  const maxBytes = Math.max(...bars.map((bar) => bar.bytes), ...limits.map((limit) => limit.bytes));
  const x = (bytes: number) => plotLeft + (bytes / maxBytes) * (plotRight - plotLeft);
  const parts = bars.map((bar, index) => {
    const y = top + index * (barHeight + gap);
    return (
      `<text x="${labelWidth}" y="${y + 12}" text-anchor="end" font-size="12" fill="#222">${escapeXml(bar.label)}</text>` +
      `<rect x="${plotLeft}" y="${y}" width="${(x(bar.bytes) - plotLeft).toFixed(1)}" height="${barHeight}" fill="${bar.highlight ? '#2a7f62' : '#8a8f98'}"/>` +
      `<text x="${(x(bar.bytes) + 5).toFixed(1)}" y="${y + 12}" font-size="11" fill="#333">${bar.bytes.toLocaleString('en-US')} B</text>`
    );
  });
  const bottom = top + bars.length * (barHeight + gap);
  // Labels alternate sides of their lines, so that two close limits stay readable.
  const lines = limits.map(
    (limit, index) =>
      `<line x1="${x(limit.bytes).toFixed(1)}" y1="${top - 8}" x2="${x(limit.bytes).toFixed(1)}" y2="${bottom}" stroke="#b00" stroke-dasharray="4 3"/>` +
      `<text x="${(x(limit.bytes) + (index % 2 === 0 ? -4 : 4)).toFixed(1)}" y="${top - 12}" text-anchor="${index % 2 === 0 ? 'end' : 'start'}" font-size="11" fill="#b00">${escapeXml(limit.label)}</text>`,
  );
  const height = bottom + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
    ...parts,
    ...lines,
    `<text x="${plotLeft}" y="${bottom + 18}" font-size="11" fill="#555">esbuild --bundle --minify, browser, ESM, rxjs external unless noted; gzip -9.</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
