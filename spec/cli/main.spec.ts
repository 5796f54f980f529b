import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { REPO_ROOT, runTypeScript } from '../support/run-node.js';

const CLI = 'src/cli/main.ts';

describe('rxjs-retry-on-conflict (the command, run as a process)', () => {
  it('should print the plan of the backoff given by flags and exit 0', async () => {
    const result = await runTypeScript(CLI, [
      'plan',
      '--steps',
      '5',
      '--duration',
      '10',
      '--factor',
      '5',
      '--jitter',
      '0.1',
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^4 +wait 1250 ms \.\. 1375 ms +1716 ms$/m);
    expect(result.stdout).toMatch(/^5 +give up: the error reaches the caller +1716 ms$/m);
  });

  it('should print JSON with --json, and warn of the cap and of no jitter there too', async () => {
    const result = await runTypeScript(CLI, [
      'plan',
      '--steps',
      '8',
      '--factor',
      '2',
      '--jitter',
      '0',
      '--cap',
      '300',
      '--json',
    ]);
    const plan = JSON.parse(result.stdout) as { attempts: number; warnings: { code: string }[] };

    expect(result.code).toBe(0);
    expect(plan.attempts).toBe(5);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['cap-ends-retries', 'no-jitter']);
  });

  it('should exit 2 with a message naming the flag for a bad flag, an invalid backoff or an unknown command', async () => {
    const [unknownFlag, badSteps, unknownCommand, noCommand] = await Promise.all([
      runTypeScript(CLI, ['plan', '--bogus']),
      runTypeScript(CLI, ['plan', '--steps', '0']),
      runTypeScript(CLI, ['schedule']),
      runTypeScript(CLI, []),
    ]);

    expect([unknownFlag.code, badSteps.code, unknownCommand.code, noCommand.code]).toEqual([2, 2, 2, 2]);
    expect(unknownFlag.stderr).toContain("rxjs-retry-on-conflict: Unknown option '--bogus'");
    expect(badSteps.stderr).toContain(
      'rxjs-retry-on-conflict: --steps: Backoff.steps must be an integer >= 1, got 0',
    );
    expect(unknownCommand.stderr).toContain('unknown command "schedule"');
    expect(noCommand.stdout).toContain('Usage: rxjs-retry-on-conflict <command>');
    expect(badSteps.stdout).toBe('');
  });
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
