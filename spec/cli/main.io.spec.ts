import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { REPO_ROOT, runTypeScript } from '../support/run-node.js';

const CLI = 'src/cli/main.ts';
/** The child's own limit; jasmine waits longer, so that a slow child is killed, never left behind. */
const CHILD_LIMIT_MS = 30_000;

describe('rxjs-retry-on-conflict (the bin, run as a process)', () => {
  it(
    'should print the plan on stdout and exit 0: the bin hands its arguments and streams to main()',
    async () => {
      const planned = await runTypeScript(
        CLI,
        ['plan', '--steps', '5', '--duration', '10', '--factor', '5', '--jitter', '0.1'],
        CHILD_LIMIT_MS,
      );

      expect(planned.code).toBe(0);
      expect(planned.stderr).toBe('');
      expect(planned.stdout).toMatch(/^4 +wait 1250 ms \.\. 1375 ms +1716 ms$/m);
    },
    CHILD_LIMIT_MS + 15_000,
  );

  it(
    'should end quietly, exit 0, when the reader closes the pipe early, as `plan … | head` does',
    async () => {
      // 100,000 steps make a plan of megabytes, far more than a pipe holds before its reader reads.
      const planned = await runTypeScript(
        CLI,
        ['plan', '--steps', '100000', '--factor', '1'],
        CHILD_LIMIT_MS,
        {
          closeStdoutAfterFirstChunk: true,
        },
      );

      expect(planned.stderr).toBe('');
      expect(planned.code).toBe(0);
      expect(planned.stdout).toMatch(/^Backoff: steps 100000/);
    },
    CHILD_LIMIT_MS + 15_000,
  );
});

describe('the command-line tool and the library entry', () => {
  /** Every module the given source file loads, following relative imports through src/. */
  function importGraph(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) {
        visit(resolve(dirname(file), (specifier ?? '').replace(/\.js$/, '.ts')));
      }
    };
    visit(resolve(REPO_ROOT, entry));
    return seen;
  }

  it('should keep src/cli out of everything the package index loads, so importing the library never loads it', () => {
    const graph = [...importGraph('src/index.ts')].map((file) =>
      relative(REPO_ROOT, file).replace(/\\/g, '/'),
    );

    expect(graph).toContain('src/operators/retry-on-conflict.ts');
    expect(graph.filter((file) => file.startsWith('src/cli/'))).toEqual([]);
  });
});
