import { runTypeScript } from '../support/run-node.js';

const CLI = 'src/cli/main.ts';
/** What the command is held to for 1,000 writers; the child's own limit is above it, jasmine's above that. */
const ANSWER_WITHIN_MS = 10_000;
const CHILD_LIMIT_MS = 60_000;

describe('rxjs-retry-on-conflict simulate (the bin, run as a process)', () => {
  it(
    'should answer for 1,000 writers within 10 s, model and figures on stdout, exit 0',
    async () => {
      const started = performance.now();
      const result = await runTypeScript(CLI, ['simulate', '--writers', '1000'], CHILD_LIMIT_MS);
      const elapsedMs = performance.now() - started;

      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Model: 1000 writers start at once on one document/);
      expect(result.stdout).toMatch(/^updates that land +\d+\.\d % +\d+ of 5000$/m);
      expect(elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    },
    CHILD_LIMIT_MS + 15_000,
  );
});
