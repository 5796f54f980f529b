/**
 * Loaded by `npm run test:unit` (spec/support/jasmine.unit.json), and so by the mutation run, whose
 * specs run on virtual time alone. A spec that starts a real timer fails, naming the timer and where
 * it was started: `setInterval` (RxJS's `asyncScheduler` uses one per action outside
 * `TestScheduler.run()`) or `setTimeout` with a delay. A spec that needs real time belongs in a file
 * named `*.io.spec.ts` or under `spec/e2e/` (docs/contributing.md), which the unit run leaves out.
 *
 * A zero-delay `setTimeout` waits for a turn of the event loop, not for time, and is allowed: RxJS
 * reports errors nobody handled on one, and spec/support/rxjs-reports.ts waits for it. Jasmine keeps
 * its own timers from before this file loads, so its spec timeouts are not counted.
 */

/** The real timers the running spec started, each as `setTimeout(…, 10) at file:line`. */
const startedBySpec: string[] = [];
let specRunning = false;

jasmine.getEnv().addReporter({
  specStarted: () => {
    specRunning = true;
    startedBySpec.length = 0;
  },
  specDone: () => {
    specRunning = false;
  },
});

/** Where the timer was started: the first frame of the stack outside this file. */
function caller(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const outside = frames.find((frame) => !frame.includes('virtual-time-only'));
  return outside?.trim().replace(/^at /, '') ?? 'an unknown place';
}

function note(timer: string, delay: unknown): void {
  if (specRunning) startedBySpec.push(`${timer}(…, ${String(delay)}) at ${caller()}`);
}

const realSetTimeout = globalThis.setTimeout;
const realSetInterval = globalThis.setInterval;

globalThis.setTimeout = Object.assign((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
  if (typeof delay === 'number' && delay > 0) note('setTimeout', delay);
  return realSetTimeout(handler as () => void, delay, ...args);
}, realSetTimeout) as typeof setTimeout;

globalThis.setInterval = Object.assign((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
  note('setInterval', delay);
  return realSetInterval(handler as () => void, delay, ...args);
}, realSetInterval) as typeof setInterval;

// Registered by a helper, outside every describe: it runs after each spec's own afterEach hooks.
afterEach(() => {
  expect(startedBySpec)
    .withContext(
      'real timers started by a spec of the unit run (a spec on real time goes in a *.io.spec.ts file or under spec/e2e/)',
    )
    .toEqual([]);
});
