/**
 * Milliseconds for people: up to three decimals, seconds from 10 s on. The plan, its warnings and
 * the demo's timeline all print times with it, so that a figure reads the same everywhere.
 *
 * @example
 * ```ts
 * formatMs(10.999999); // '11 ms'
 * formatMs(38_249.999992); // '38.25 s'
 * ```
 */
export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${Number((ms / 1000).toFixed(3))} s` : `${Number(ms.toFixed(3))} ms`;
}
