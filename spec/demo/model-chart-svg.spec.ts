import { renderModelChartSvg, type ChartSeries } from '../../demo/model-chart-svg.js';

describe('renderModelChartSvg', () => {
  const points = [10, 100, 1000].map((writers, index) => ({
    writers,
    landedShare: 1 - index * 0.4,
    requestsPerUpdate: 2 + index * 10,
    p99Ms: 50 * 10 ** index,
  }));
  const series: ChartSeries[] = [
    { name: 'DefaultRetry', color: '#d73027', dashed: false, points },
    { name: 'full jitter <ms>', color: '#762a83', dashed: true, points },
  ];

  it('should draw one line per backoff in each of the three panels, dashed for the one that is not Go', () => {
    const svg = renderModelChartSvg(series);

    expect(svg.match(/<polyline /g)?.length).toBe(6);
    expect(svg.match(/<polyline [^>]*stroke-dasharray/g)?.length).toBe(3);
    expect(svg).toContain('updates that land');
    expect(svg).toContain('requests per update (2 = no retry)');
    expect(svg).toContain('latency p99 of landed updates (ms)');
  });

  it('should label the writers on a log axis and escape the series names', () => {
    const svg = renderModelChartSvg(series);

    expect(svg).toContain('>1k</text>');
    expect(svg).toContain('full jitter &#60;ms&#62;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBeTrue();
  });
});
