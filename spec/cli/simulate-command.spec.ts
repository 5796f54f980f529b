import { DefaultBackoff, DefaultRetry } from '../../src/index.js';
import { main, type CommandIo } from '../../src/cli/command-line.js';
import {
  formatSimulation,
  parseSimulateFlags,
  runSimulateCommand,
  SIMULATE_USAGE,
  simulateRequest,
} from '../../src/cli/simulate-command.js';
import { UsageError } from '../../src/cli/backoff-flags.js';

function run(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  return { code: main(argv, io), stdout, stderr };
}

describe('parseSimulateFlags', () => {
  it("should start from DefaultRetry and the AWS post's network, 100 writers, 1 update each, 5 runs from seed 1", () => {
    expect(parseSimulateFlags([])).toEqual({
      writers: 100,
      updatesPerWriter: 1,
      backoff: { ...DefaultRetry, cap: 0 },
      network: { delayMeanMs: 10, delaySdMs: 2, readServiceMs: 0, writeServiceMs: 0 },
      runs: 5,
      seed: 1,
      json: false,
      help: false,
    });
  });

  it("should read plan's backoff flags over a preset, and the model's own flags", () => {
    const request = parseSimulateFlags([
      '--preset',
      'DefaultBackoff',
      '--jitter',
      '1',
      '--writers',
      '2000',
      '--updates',
      '3',
      '--delay',
      '0.5',
      '--delay-sd',
      '0',
      '--read-ms',
      '1',
      '--write-ms',
      '2.5',
      '--runs',
      '2',
      '--seed',
      '9',
      '--json',
    ]);

    expect(request).toEqual({
      writers: 2000,
      updatesPerWriter: 3,
      backoff: { ...DefaultBackoff, jitter: 1, cap: 0 },
      network: { delayMeanMs: 0.5, delaySdMs: 0, readServiceMs: 1, writeServiceMs: 2.5 },
      runs: 2,
      seed: 9,
      json: true,
      help: false,
    });
  });

  it('should reject each bad value with a usage error naming the flag, its rule and the value', () => {
    const cases: [string[], string][] = [
      [['--writers', '0'], '--writers must be an integer from 1 to 10000, got "0"'],
      [['--writers', '10001'], '--writers must be an integer from 1 to 10000, got "10001"'],
      [['--writers', '2.5'], '--writers must be an integer from 1 to 10000, got "2.5"'],
      [['--writers', 'many'], '--writers must be a decimal number, got "many"'],
      [['--updates', '0'], '--updates must be an integer from 1 to 1000, got "0"'],
      [
        ['--writers', '200', '--updates', '501'],
        '--writers × --updates must be at most 100000, got 200 × 501',
      ],
      [['--runs', '101'], '--runs must be an integer from 1 to 100, got "101"'],
      [['--seed', '-1'], '--seed must be an integer from 0 to 4294967295, got "-1"'],
      [['--delay', '-1'], '--delay must be a number of milliseconds from 0 to 3600000, got -1'],
      [['--delay-sd', 'NaN'], '--delay-sd must be a number of milliseconds from 0 to 3600000, got NaN'],
      [
        ['--write-ms', 'Infinity'],
        '--write-ms must be a number of milliseconds from 0 to 3600000, got Infinity',
      ],
      [['--preset', 'Fast'], '--preset must be DefaultRetry or DefaultBackoff, got "Fast"'],
      [['--steps', '0'], '--steps: Backoff.steps must be an integer >= 1, got 0'],
      [['--steps', '1001'], '--steps must be at most 1000 for a simulation, got 1001'],
      [['--jitter', '-0.5'], '--jitter: Backoff.jitter must be a finite number >= 0, got -0.5'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseSimulateFlags(argv))
        .withContext(argv.join(' '))
        .toThrowError(UsageError, message);
    }
    expect(() => parseSimulateFlags(['--writer', '3'])).toThrowError(UsageError, /Unknown option '--writer'/);
  });
});

describe('simulateRequest and formatSimulation', () => {
  it('should add up the seeded runs and lay the figures out under the model and its assumptions', () => {
    const request = parseSimulateFlags(['--writers', '4', '--runs', '2', '--delay', '1', '--delay-sd', '0']);
    const summary = simulateRequest(request);
    const text = formatSimulation(request, summary);

    expect(summary.updates).toBe(8);
    expect(summary.done + summary.giveUps).toBe(8);
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Model: 4 writers start at once on one document, 1 update each: read, then',
      'write if the revision is unchanged, retried by retryOnConflict on a conflict.',
      'Backoff: steps 5, duration 10 ms, factor 1, jitter 0.1, cap none',
      'Network: |Normal(1 ms, 0 ms)| each way; server 0 ms per read, 0 ms per write, one at a time',
      'Runs: 2 (seeds 1..2), added up',
    ]);
    expect(text).toMatch(/^updates that land +\d+\.\d % +\d+ of 8$/m);
    expect(text).toMatch(/^requests per update +\d+\.\d\d +2\.00 = one read and one write, no retry$/m);
    expect(text).toContain('A model, not a measurement');
  });
});

describe('rxjs-retry-on-conflict simulate', () => {
  it('should print the estimate on stdout and exit 0', () => {
    const result = run('simulate', '--writers', '10', '--runs', '1');

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^give-ups +\d+\.\d %/m);
  });

  it('should print the request and the summary as JSON with --json', () => {
    let out = '';
    runSimulateCommand(['--writers', '3', '--runs', '1', '--json'], {
      write: (text: string) => (out += text),
    });
    const parsed = JSON.parse(out) as { model: { writers: number }; summary: { updates: number } };

    expect(parsed.model.writers).toBe(3);
    expect(parsed.summary.updates).toBe(3);
  });

  it('should print its usage for --help and help simulate', () => {
    expect(run('simulate', '--help')).toEqual({ code: 0, stdout: SIMULATE_USAGE, stderr: '' });
    expect(run('help', 'simulate')).toEqual({ code: 0, stdout: SIMULATE_USAGE, stderr: '' });
  });

  it('should report a usage error on stderr, naming the flag, with the synopsis, and exit 2', () => {
    const result = run('simulate', '--writers', '0');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^rxjs-retry-on-conflict simulate: --writers must be an integer from 1 to 10000, got "0"\n\nUsage: rxjs-retry-on-conflict simulate /,
    );
    expect(result.stderr).toContain('Run `rxjs-retry-on-conflict simulate --help` for the flags.');
  });
});
