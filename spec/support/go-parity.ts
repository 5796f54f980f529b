import { readFileSync } from 'node:fs';
import type { Backoff } from '../../src/index.js';

/** One run of client-go's `retry.OnError`, recorded in Go (see spec/fixtures/README.md). */
export interface GoParityCase {
  readonly name: string;
  readonly backoff: {
    readonly durationNs: number;
    readonly factor: number;
    readonly jitter: number;
    readonly steps: number;
    readonly capNs: number;
  };
  readonly scenario: { readonly failuresBeforeSuccess: number | null };
  readonly random: readonly number[];
  readonly sleepsNs: readonly number[];
  readonly calls: number;
  readonly result: 'lastError' | 'success' | 'nil';
}

export const goParityCases: readonly GoParityCase[] = JSON.parse(
  readFileSync(new URL('../fixtures/go-parity-sample.json', import.meta.url), 'utf8'),
) as GoParityCase[];

/** The case's `wait.Backoff` in our units: milliseconds. */
export function toBackoff({ backoff }: GoParityCase): Backoff {
  return {
    duration: backoff.durationNs / 1e6,
    factor: backoff.factor,
    jitter: backoff.jitter,
    steps: backoff.steps,
    cap: backoff.capNs / 1e6,
  };
}

/** Replays the case's `rand.Float64()` values in order, counting the calls. */
export function replayRandom(values: readonly number[]): { random: () => number; calls: () => number } {
  let next = 0;
  return {
    random: () => {
      const value = values[next++];
      if (value === undefined)
        throw new Error(`random called ${next} times; Go called rand.Float64 ${values.length}`);
      return value;
    },
    calls: () => next,
  };
}

export function describeCase(goCase: GoParityCase, index: number): string {
  const { durationNs, factor, jitter, steps, capNs } = goCase.backoff;
  const failures = goCase.scenario.failuresBeforeSuccess ?? 'always';
  return `#${index} ${goCase.name} {duration ${durationNs}ns, factor ${factor}, jitter ${jitter}, steps ${steps}, cap ${capNs}ns}, failures: ${failures}`;
}
