/** Units for long times, largest first, in ms: a year here is 365 days. */
const UNITS: readonly (readonly [ms: number, name: string])[] = [
  [31_536_000_000, 'year'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/**
 * Milliseconds for people: up to three decimals, seconds from 10 s on, and from a minute on the two
 * largest whole units (minutes, hours, days, years) beside the exact milliseconds. The plan, its
 * warnings and the demo's timeline all print times with it, so that a figure reads the same
 * everywhere.
 *
 * @example
 * ```ts
 * formatMs(10.999999); // '11 ms'
 * formatMs(38_249.999992); // '38.25 s'
 * formatMs(105_000); // '1 min 45 s (105000 ms)'
 * formatMs(12_094_627_905_525.5); // '383 years 189 d (12094627905525.5 ms)'
 * ```
 */
export function formatMs(ms: number): string {
  // The units from the milliseconds as printed: 104999.9999999 ms is 1 min 45 s, not 1 min 44 s.
  const shown = Number(ms.toFixed(3));
  if (shown < 10_000) return `${shown} ms`;
  if (shown < 60_000) return `${Number((ms / 1000).toFixed(3))} s`;
  let rest = shown;
  const parts = UNITS.filter(([unit]) => unit <= shown)
    .slice(0, 2)
    .map(([unit, name]) => {
      const whole = Math.floor(rest / unit);
      rest -= whole * unit;
      return whole === 0 ? '' : ` ${whole} ${name}${whole > 1 && name === 'year' ? 's' : ''}`;
    });
  return `${parts.join('').slice(1)} (${shown} ms)`;
}
