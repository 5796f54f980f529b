/**
 * A source of numbers in [0, 1) that gives the same sequence for the same seed (mulberry32: 32 bits
 * of state, fast, and good enough for a simulation's draws; not for anything secret).
 *
 * @param seed - any number; its low 32 bits are the state.
 *
 * @example
 * ```ts
 * const a = seededRandom(7);
 * const b = seededRandom(7);
 * a() === b(); // true
 * a() >= 0 && a() < 1; // true
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A draw from |Normal(mean, sd)|, by the Box–Muller transform on two draws of `random`: the network
 * delay model of the AWS Architecture Blog's backoff simulator (a delay is never negative).
 *
 * @example
 * ```ts
 * absoluteNormal(seededRandom(1), 10, 0); // 10
 * absoluteNormal(seededRandom(1), 10, 2) >= 0; // true
 * ```
 */
export function absoluteNormal(random: () => number, mean: number, sd: number): number {
  if (sd === 0) return Math.abs(mean);
  const u = 1 - random(); // in (0, 1]: the logarithm stays finite
  const v = random();
  return Math.abs(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}
