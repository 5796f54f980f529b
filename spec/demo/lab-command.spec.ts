import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type LabIo } from '../../demo/lab-command.js';
import { DEMO_USAGE } from '../../demo/flags.js';
import { packageVersion } from '../../src/cli/command-line.js';

/** Runs the lab's command line in-process, collecting what it writes. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: LabIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => ((stderr += text), true) },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('npm run demo: main(argv, io) with flags that run no lab', () => {
  const usageErrors: [string[], string][] = [
    [['--writers', '0'], '--writers must be an integer from 1 to 500, got "0"'],
    [['--increments', 'ten'], '--increments must be a decimal number, got "ten"'],
    [['--steps', '0'], '--steps: Backoff.steps must be an integer >= 1, got 0'],
    [['--factor=-2'], '--factor: Backoff.factor must be a finite number >= 0, got -2'],
    [['--cap', '-5'], '--cap: Backoff.cap must be a finite number >= 0, got -5'],
    [['--duration', 'Infinity'], '--duration: Backoff.duration must be a finite number >= 0, got Infinity'],
    [['--speed', '3'], "Unknown option '--speed'"],
    [['--out'], "Option '--out <value>' argument missing"],
  ];

  for (const [argv, message] of usageErrors) {
    it(`should exit 2 for "${argv.join(' ')}" with "${message}" and the usage on stderr, running nothing`, async () => {
      expect(await run(...argv)).toEqual({
        code: 2,
        stdout: '',
        stderr: `demo: ${message}\n\nUsage: npm run demo -- [flags]\nRun \`npm run demo -- --help\` for the flags.\n`,
      });
    });
  }

  for (const flag of ['--help', '-h']) {
    it(`should print the flags on stdout and exit 0 for ${flag}`, async () => {
      expect(await run(flag)).toEqual({ code: 0, stdout: DEMO_USAGE, stderr: '' });
    });
  }

  it('should exit 2 naming --out, and make nothing, when the output folder would be under a file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lab-out-'));
    try {
      writeFileSync(join(folder, 'a-file'), '');
      const out = join(folder, 'a-file', 'lab');

      expect(await run('--writers', '1', '--out', out)).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `demo: --out must name a folder that can be created and written to, got ${JSON.stringify(out)}: ` +
          'a part of the path is a file\n\nUsage: npm run demo -- [flags]\nRun `npm run demo -- --help` for the flags.\n',
      });
      expect(readdirSync(folder)).toEqual(['a-file']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('should print the package version and exit 0 for --version', async () => {
    expect(await run('--version')).toEqual({ code: 0, stdout: `${packageVersion()}\n`, stderr: '' });
  });
});
