// Hand-written SVG charts, so that the bench needs no plotting dependency.

export interface RatioGroup {
  readonly label: string;
  readonly bars: readonly { readonly series: string; readonly ratio: number }[];
}

export interface Series {
  readonly name: string;
  readonly color: string;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatRatio(ratio: number): string {
  return `${ratio < 0.995 ? ratio.toFixed(2) : ratio.toFixed(ratio < 10 ? 2 : 1)}×`;
}

/**
 * Bars that start at 1 (the reference) and end at each ratio, on a log scale: left of the line is
 * faster than the reference, right of it slower. A dashed line marks `target`.
 */
export function ratioChart(options: {
  readonly title: string;
  readonly reference: string;
  readonly target: number;
  readonly series: readonly Series[];
  readonly groups: readonly RatioGroup[];
}): string {
  const { title, reference, target, series, groups } = options;
  const width = 900;
  const labelWidth = 250;
  const plotLeft = labelWidth + 10;
  const plotRight = width - 70;
  const barHeight = 13;
  const barGap = 3;
  const groupGap = 14;
  const top = 78;
  const ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];
  const allRatios = groups.flatMap((group) => group.bars.map((bar) => bar.ratio));
  const minTick = ticks.filter((tick) => tick <= Math.min(...allRatios, target)).pop() ?? ticks[0]!;
  const maxTick = ticks.find((tick) => tick >= Math.max(...allRatios, 1)) ?? ticks[ticks.length - 1]!;
  const x = (ratio: number) =>
    plotLeft +
    ((Math.log(ratio) - Math.log(minTick)) / (Math.log(maxTick) - Math.log(minTick))) *
      (plotRight - plotLeft);

  const parts: string[] = [];
  let y = top;
  for (const group of groups) {
    const groupHeight = group.bars.length * (barHeight + barGap) - barGap;
    parts.push(
      `<text x="${labelWidth}" y="${y + groupHeight / 2 + 4}" text-anchor="end" font-size="12" fill="#222">${escapeXml(group.label)}</text>`,
    );
    for (const bar of group.bars) {
      const color = series.find((candidate) => candidate.name === bar.series)?.color ?? '#999';
      const from = x(Math.min(1, bar.ratio));
      const to = x(Math.max(1, bar.ratio));
      const end = bar.ratio < 1 ? from - 4 : to + 4;
      parts.push(
        `<rect x="${from.toFixed(1)}" y="${y}" width="${Math.max(1, to - from).toFixed(1)}" height="${barHeight}" fill="${color}"><title>${escapeXml(`${bar.series}: ${formatRatio(bar.ratio)}`)}</title></rect>`,
        `<text x="${end.toFixed(1)}" y="${y + barHeight - 3}" text-anchor="${bar.ratio < 1 ? 'end' : 'start'}" font-size="10.5" fill="#333">${formatRatio(bar.ratio)}</text>`,
      );
      y += barHeight + barGap;
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
  const legend = series.map(
    (entry, index) =>
      `<rect x="${plotLeft + index * 215}" y="36" width="12" height="12" fill="${entry.color}"/>` +
      `<text x="${plotLeft + index * 215 + 17}" y="46" font-size="12" fill="#222">${escapeXml(entry.name)}</text>`,
  );
  const height = bottom + 44;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
    ...legend,
    ...axis,
    `<line x1="${x(1).toFixed(1)}" y1="${top - 10}" x2="${x(1).toFixed(1)}" y2="${bottom}" stroke="#111" stroke-width="1.5"/>`,
    `<text x="${(x(1) + 4).toFixed(1)}" y="${top - 14}" font-size="11" fill="#111">${escapeXml(reference)} = 1×</text>`,
    `<line x1="${x(target).toFixed(1)}" y1="${top - 10}" x2="${x(target).toFixed(1)}" y2="${bottom}" stroke="#b00" stroke-dasharray="4 3"/>`,
    `<text x="${(x(target) - 4).toFixed(1)}" y="${top - 14}" text-anchor="end" font-size="11" fill="#b00">target ${target}×</text>`,
    ...parts,
    `<text x="${plotLeft}" y="${bottom + 34}" font-size="11" fill="#555">Median time per subscription relative to the reference, log scale; shorter to the left is faster.</text>`,
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
