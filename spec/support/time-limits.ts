/**
 * The jasmine timeouts of specs that use real time: servers, processes, real timers. Each is far
 * above what the spec takes on an idle machine, because three test runs at once on two cores made
 * them several times slower; a spec that hangs still fails, with jasmine's timeout message.
 * `npm run test:unit` has none of these specs and keeps jasmine's default of 5 s.
 */

/**
 * A few requests to a loopback server, starting or stopping one, or thousands of subscriptions on
 * real timers: under a second when idle.
 */
export const REAL_IO_SPEC_TIMEOUT_MS = 60_000;

/**
 * Many clients racing to update one document until every update lands: 7 s when idle, 28 s with
 * three suites at once.
 */
export const RACE_SPEC_TIMEOUT_MS = 180_000;

/**
 * How long a child process may run before `runTypeScript` ends it. A tsx process starts in about
 * a second when idle; three suites at once made it ten times slower.
 */
export const CHILD_TIME_LIMIT_MS = 60_000;

/**
 * The jasmine timeout for a spec (or hook) that runs child processes at once: above
 * {@link CHILD_TIME_LIMIT_MS}, so that a slow child fails with its own message and output rather
 * than with jasmine's bare timeout. A spec that runs children one after another needs a multiple.
 *
 * @example
 * ```ts
 * it('should exit 0', async () => {
 *   expect((await runTypeScript('src/cli/main.ts', ['plan'])).code).toBe(0);
 * }, PROCESS_SPEC_TIMEOUT_MS);
 * ```
 */
export const PROCESS_SPEC_TIMEOUT_MS = CHILD_TIME_LIMIT_MS + 30_000;

/**
 * Gives every spec and hook of the enclosing `describe` that sets no timeout of its own `timeoutMs`
 * instead of jasmine's default, and restores the default after the suite. Call it first in the
 * `describe`, so that its `beforeAll` runs before the suite's own hooks.
 *
 * @example
 * ```ts
 * describe('a loopback server', () => {
 *   suiteTimeout(REAL_IO_SPEC_TIMEOUT_MS);
 *   beforeAll(async () => (server = await startReplyServer(reply)));
 * });
 * ```
 */
export function suiteTimeout(timeoutMs: number): void {
  let previous = jasmine.DEFAULT_TIMEOUT_INTERVAL;
  beforeAll(() => {
    previous = jasmine.DEFAULT_TIMEOUT_INTERVAL;
    jasmine.DEFAULT_TIMEOUT_INTERVAL = timeoutMs;
  });
  // Registered before the suite's own afterAll hooks, so it runs after them: jasmine runs a
  // suite's afterAll hooks last-registered first.
  afterAll(() => {
    jasmine.DEFAULT_TIMEOUT_INTERVAL = previous;
  });
}
