/**
 * A number with its noun, singular or plural: `1 writer`, `3 writers`, `0 give-ups`.
 *
 * @example
 * ```ts
 * count(1, 'increment'); // '1 increment'
 * count(3, 'writer'); // '3 writers'
 * ```
 */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
