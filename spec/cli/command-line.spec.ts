import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main, packageVersion, USAGE, type CommandIo } from '../../src/cli/command-line.js';
import { PLAN_USAGE } from '../../src/cli/plan-command.js';

/** Runs the command in-process, collecting what it writes to each stream. */
function run(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

const PLAN_SYNOPSIS = PLAN_USAGE.slice(0, PLAN_USAGE.indexOf('\n\n'));

describe('rxjs-retry-on-conflict main(argv, io)', () => {
  describe('help and version', () => {
    for (const flag of ['-h', '--help', 'help']) {
      it(`should print its usage on stdout and exit 0 for ${flag}`, () => {
        expect(run(flag)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
      });
    }

    it('should say in its usage how it is called, its command and its flags', () => {
      expect(USAGE.split('\n')).toEqual([
        'Usage: rxjs-retry-on-conflict <command> [flags]',
        '',
        'Commands:',
        "  plan        print a backoff's waits (min..max), the worst case and warnings; see `rxjs-retry-on-conflict plan --help`",
        '  simulate    estimate, with a model, what a backoff does for N writers on one document',
        '',
        'Flags:',
        '  -h, --help       this text',
        '  -v, --version    the version of rxjs-retry-on-conflict',
        '',
      ]);
    });

    it('should print its own usage for a help flag followed by a command, as for the flag alone', () => {
      expect(run('--help', 'plan')).toEqual({ code: 0, stdout: USAGE, stderr: '' });
      expect(run('-h', 'plan')).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    });

    it('should let an error that is no usage error through, as it is, not report it as one', () => {
      const closed = new Error('stdout closed');
      const io: CommandIo = {
        stdout: {
          write: () => {
            throw closed;
          },
        },
        stderr: { write: () => true },
      };
      expect(() => main(['plan'], io)).toThrow(closed);
    });

    for (const argv of [
      ['plan', '-h'],
      ['plan', '--help'],
      ['help', 'plan'],
    ]) {
      it(`should print plan's usage on stdout and exit 0 for ${argv.join(' ')}`, () => {
        expect(run(...argv)).toEqual({ code: 0, stdout: PLAN_USAGE, stderr: '' });
      });
    }

    for (const flag of ['--version', '-v']) {
      it(`should print the version in package.json and exit 0 for ${flag}`, () => {
        const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
          version: string;
        };
        expect(packageVersion()).toBe(manifest.version);
        expect(run(flag)).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
      });
    }
  });

  describe('usage errors: stderr, the usage, exit 2', () => {
    it('should print the usage on stderr, not stdout, and exit 2 when no command is given', () => {
      expect(run()).toEqual({
        code: 2,
        stdout: '',
        stderr: `rxjs-retry-on-conflict: a command is needed\n\n${USAGE}`,
      });
    });

    it('should name an unknown command or flag', () => {
      expect(run('schedule')).toEqual({
        code: 2,
        stdout: '',
        stderr: `rxjs-retry-on-conflict: unknown command "schedule"\n\n${USAGE}`,
      });
      expect(run('--steps', '3').stderr).toContain('rxjs-retry-on-conflict: unknown flag "--steps"');
    });

    const planErrors: [string[], string][] = [
      [['--bogus'], "Unknown option '--bogus'"],
      [['--steps', '0'], '--steps: Backoff.steps must be an integer >= 1, got 0'],
      [['--duration', '-1'], '--duration: Backoff.duration must be a finite number >= 0, got -1'],
      [['--cap', '-5'], '--cap: Backoff.cap must be a finite number >= 0, got -5'],
      [['--factor', '-0.5'], '--factor: Backoff.factor must be a finite number >= 0, got -0.5'],
      [['--duration', 'Infinity'], '--duration: Backoff.duration must be a finite number >= 0, got Infinity'],
      [['--jitter', '-Infinity'], '--jitter: Backoff.jitter must be a finite number >= 0, got -Infinity'],
      [['--steps', 'Infinity'], '--steps: Backoff.steps must be an integer >= 1, got Infinity'],
      [['--steps', '0x10'], '--steps must be a decimal number, got "0x10"'],
      [['--steps', '1_000'], '--steps must be a decimal number, got "1_000"'],
      [['--cap', ' 3'], '--cap must be a decimal number, got " 3"'],
      [
        ['--steps', '1e9'],
        '--steps: Backoff.steps must be at most 100000 to list the waits (or a cap must end the retries sooner), got 1000000000',
      ],
      [['--steps'], "Option '--steps <value>' argument missing"],
    ];
    for (const [argv, message] of planErrors) {
      it(`should report "plan ${argv.join(' ')}" as: ${message}`, () => {
        expect(run('plan', ...argv)).toEqual({
          code: 2,
          stdout: '',
          stderr:
            `rxjs-retry-on-conflict plan: ${message}\n\n${PLAN_SYNOPSIS}\n` +
            'Run `rxjs-retry-on-conflict plan --help` for the flags.\n',
        });
      });
    }
  });

  describe('plan', () => {
    it('should plan DefaultRetry when no flag is given', () => {
      const { code, stdout, stderr } = run('plan');
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toContain('Backoff: steps 5, duration 10 ms, factor 1, jitter 0.1, cap none');
      expect(stdout).toMatch(/^5 +give up: the error reaches the caller +44 ms$/m);
    });

    it('should read a negative value of a flag written as --flag=-1 the same way', () => {
      expect(run('plan', '--duration=-1').stderr).toContain(
        '--duration: Backoff.duration must be a finite number >= 0, got -1',
      );
    });

    it('should print the plan up to the wait that overflows, then name --factor and --steps', () => {
      const { code, stdout, stderr } = run('plan', '--steps', '100', '--factor', '2');
      const rows = stdout.split('\n');

      expect(code).toBe(2);
      expect(rows[0]).toBe('Backoff: steps 100, duration 10 ms, factor 2, jitter 0.1, cap none');
      expect(rows).toContain(
        jasmine.stringMatching(
          /^40 +wait 174 years 119 d \(5497558138880 ms\) \.\. 191 years 277 d \(6047313952768 ms\) +383 years 189 d \(12094627905525 ms\)$/,
        ),
      );
      expect(rows.at(-2)).toBe("41        wait past Go's longest duration: see below");
      expect(stderr).toContain(
        "rxjs-retry-on-conflict plan: the waits overflow: wait 41 would be longer than Go's longest " +
          'duration (2^63 ns, about 292 years). Lower --factor (now 2), ' +
          "or --steps to 41 or less (now 100). A --cap would end the retries when the wait reaches it (Go's cap rule).",
      );
    });

    it('should advise a lower --factor when one huge factor overflows the second wait', () => {
      const { code, stdout, stderr } = run('plan', '--factor', '1e308');

      expect(code).toBe(2);
      expect(stdout).toMatch(/^1 +wait 10 ms \.\. 11 ms +11 ms$/m);
      expect(stdout).toMatch(/^2 +wait past Go's longest duration: see below$/m);
      expect(stderr).toContain('wait 2 would be longer than');
      expect(stderr).toContain('Lower --factor (now 1e+308), or --steps to 2 or less (now 5)');
    });

    it('should advise a lower --jitter, not a cap, when the jitter is what overflows', () => {
      const { code, stdout, stderr } = run('plan', '--jitter', '1e308');

      expect(code).toBe(2);
      expect(stdout).toMatch(/^1 +wait past Go's longest duration: see below$/m);
      expect(stderr).toContain(
        "rxjs-retry-on-conflict plan: --jitter 1e+308 overflows: the jitter can stretch wait 1 past Go's " +
          'longest duration (2^63 ns, about 292 years). Lower --jitter: ' +
          'a wait d can become d + jitter × d.',
      );
      expect(stderr.split('\n')[0]).not.toContain('--cap');
    });

    it('should print the facts of an overflow as { error }, and nothing like a plan, with --json', () => {
      const { code, stdout, stderr } = run('plan', '--factor', '1e308', '--json');
      const printed = JSON.parse(stdout) as Record<string, unknown>;

      expect(code).toBe(2);
      expect(Object.keys(printed)).toEqual(['error']);
      expect(printed['error']).toEqual({
        message: jasmine.stringContaining('the waits overflow: wait 2 would be longer than'),
        problem: 'overflow',
        field: 'Backoff',
        rule: "be below 9223372036854.775 ms (Go's longest duration)",
        value: 'Infinity',
        wait: 2,
        orLater: false,
        maxSteps: 2,
        fixes: ['steps', 'factor', 'jitter', 'cap'],
        jitterAlone: false,
      });
      expect(stderr).toContain('Lower --factor (now 1e+308), or --steps to 2 or less (now 5)');
    });

    it('should print the field, rule and value of an invalid flag as { error } with --json', () => {
      const { code, stdout } = run('plan', '--steps', '0', '--json');

      expect(code).toBe(2);
      expect(JSON.parse(stdout)).toEqual({
        error: {
          message: '--steps: Backoff.steps must be an integer >= 1, got 0',
          problem: 'invalid',
          field: 'Backoff.steps',
          rule: 'be an integer >= 1',
          value: 0,
        },
      });
    });

    it('should print nothing on stdout, with --json, for a command line it cannot read', () => {
      const { code, stdout, stderr } = run('plan', '--steps', 'ten', '--json');

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('--steps must be a decimal number, got "ten"');
    });
  });
});

/**
 * packageVersion as it runs from another folder: src/cli/command-line.ts copied to `folder`, its
 * imports pointed back at src/cli/, loaded as a module of its own. So the walk up to package.json
 * meets the package.json files a spec lays out, as the built file meets dist/'s and the project's.
 */
async function packageVersionIn(folder: string): Promise<() => string> {
  const source = readFileSync(new URL('../../src/cli/command-line.ts', import.meta.url), 'utf8').replace(
    /from '\.\/([\w-]+)\.js'/g,
    (_, name: string) => `from '${new URL(`../../src/cli/${name}.ts`, import.meta.url).href}'`,
  );
  const file = join(folder, 'command-line.ts');
  writeFileSync(file, source);
  const copy = (await import(pathToFileURL(file).href)) as { packageVersion: () => string };
  return copy.packageVersion;
}

describe('packageVersion, walking up from its file', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'package-version-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const write = (folder: string, manifest: object): void => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest));
  };

  it("should pass over another package's package.json, and one of this package without a version", async () => {
    write(root, { name: 'rxjs-retry-on-conflict', version: '1.2.3' });
    write(join(root, 'a'), { name: 'rxjs-retry-on-conflict' });
    write(join(root, 'a', 'b'), { name: 'another-package', version: '9.9.9' });
    write(join(root, 'a', 'b', 'c'), { type: 'module' });
    const packageVersion = await packageVersionIn(join(root, 'a', 'b', 'c'));

    expect(packageVersion()).toBe('1.2.3');
  });

  it('should throw, naming its file, when no package.json of this package is above it', async () => {
    const folder = join(root, 'elsewhere');
    write(folder, { name: 'another-package', version: '9.9.9' });
    const packageVersion = await packageVersionIn(folder);

    expect(() => packageVersion()).toThrowError(
      Error,
      `rxjs-retry-on-conflict: package.json not found above ${pathToFileURL(join(folder, 'command-line.ts')).href}`,
    );
  });
});
