// Child process: the deepest run of synchronous zero-wait retries, in one subscription.
// Usage: node --import tsx bench/stack.ts
import { Observable } from 'rxjs';
import { reply } from './support/reply.js';
import { conflict } from './support/failing-source.js';
import { peerById, type PeerId } from './support/peers.js';

export const SYNC_RETRIES = 1_000_000;

export interface StackResult {
  readonly peer: PeerId;
  readonly retries: number;
  /** How many times the source was subscribed. */
  readonly attempts: number;
  /** What the subscriber got: the value (the attempt that succeeded) or the error's text. */
  readonly outcome: string;
  /** Stack frames when the source ran the first time and the last time. */
  readonly firstAttemptFrames: number;
  readonly lastAttemptFrames: number;
  readonly elapsedMs: number;
}

function stackFrames(): number {
  return (new Error().stack ?? '').split('\n').length - 1;
}

function deepRun(peer: PeerId): StackResult {
  const operator = peerById(peer).operator(SYNC_RETRIES, 0, SYNC_RETRIES);
  if (operator === undefined) throw new Error(`${peer} cannot retry without waiting`);
  let attempts = 0;
  let firstAttemptFrames = 0;
  let lastAttemptFrames = 0;
  const source = new Observable<number>((subscriber) => {
    attempts++;
    if (attempts === 1) firstAttemptFrames = stackFrames();
    lastAttemptFrames = 0;
    if (attempts <= SYNC_RETRIES) {
      subscriber.error(conflict);
    } else {
      lastAttemptFrames = stackFrames();
      subscriber.next(attempts);
      subscriber.complete();
    }
  });
  let outcome = 'nothing';
  const started = performance.now();
  source.pipe(operator).subscribe({
    next: (value) => (outcome = `value ${value}`),
    error: (error: unknown) => (outcome = `error ${String(error)}`),
  });
  const elapsedMs = performance.now() - started;
  return { peer, retries: SYNC_RETRIES, attempts, outcome, firstAttemptFrames, lastAttemptFrames, elapsedMs };
}

Error.stackTraceLimit = Infinity;
reply([deepRun('ours'), deepRun('rxjs-retry-sync')]);
