import { DEFAULT_CUSTOM_BACKOFF, DEMO_USAGE, parseDemoFlags } from '../../demo/flags.js';
import { UsageError } from '../../src/cli/backoff-flags.js';
import { planBackoff } from '../../src/plan/plan-backoff.js';

describe('parseDemoFlags', () => {
  it('should default to 20 writers × 10 increments and the default custom backoff', () => {
    expect(parseDemoFlags([])).toEqual({
      writers: 20,
      increments: 10,
      custom: { ...DEFAULT_CUSTOM_BACKOFF },
      outDir: undefined,
      progress: true,
      help: false,
      version: false,
    });
  });

  it('should build the custom backoff from the backoff flags', () => {
    const options = parseDemoFlags([
      '--steps',
      '8',
      '--duration',
      '2.5',
      '--factor',
      '2',
      '--jitter',
      '0.5',
      '--cap',
      '100',
    ]);

    expect(options.custom).toEqual({ steps: 8, duration: 2.5, factor: 2, jitter: 0.5, cap: 100 });
  });

  it('should read --out, --no-progress, --help, -h, --version and -v', () => {
    expect(parseDemoFlags(['--out', 'lab', '--no-progress', '--help'])).toEqual(
      jasmine.objectContaining({ outDir: 'lab', progress: false, help: true, version: false }),
    );
    expect(parseDemoFlags(['-h'])).toEqual(jasmine.objectContaining({ help: true }));
    expect(parseDemoFlags(['--version'])).toEqual(jasmine.objectContaining({ version: true, help: false }));
    expect(parseDemoFlags(['-v'])).toEqual(jasmine.objectContaining({ version: true }));
  });

  it("should describe --cap by Go's rule, not as a cap on the wait", () => {
    expect(DEMO_USAGE).not.toContain('cap on the wait');
    expect(DEMO_USAGE).toMatch(/--cap MS +0 = none \(default 0\)\. Not a limit on the wait/);
  });

  it('should reject writers and increments that are not whole numbers in range, naming the flag and value', () => {
    expect(() => parseDemoFlags(['--writers', '2.5'])).toThrowError(
      UsageError,
      '--writers must be an integer from 1 to 500, got "2.5"',
    );
    expect(() => parseDemoFlags(['--increments', '1001'])).toThrowError(
      UsageError,
      '--increments must be an integer from 1 to 1000, got "1001"',
    );
    expect(() => parseDemoFlags(['--writers', ' '])).toThrowError(
      UsageError,
      '--writers must be a decimal number, got " "',
    );
  });

  it("should reject a backoff the library rejects, with the library's message under the flag's name", () => {
    expect(() => parseDemoFlags(['--jitter=-1'])).toThrowError(
      UsageError,
      '--jitter: Backoff.jitter must be a finite number >= 0, got -1',
    );
    expect(() => parseDemoFlags(['--cap', 'Infinity'])).toThrowError(
      UsageError,
      '--cap: Backoff.cap must be a finite number >= 0, got Infinity',
    );
    expect(() => parseDemoFlags(['--duration', '-1'])).toThrowError(
      UsageError,
      '--duration: Backoff.duration must be a finite number >= 0, got -1',
    );
    expect(() => parseDemoFlags(['--steps', '0x10'])).toThrowError(
      UsageError,
      '--steps must be a decimal number, got "0x10"',
    );
  });

  it('should name the flag to change when the waits would overflow', () => {
    expect(() => parseDemoFlags(['--steps', '200', '--factor', '2'])).toThrowError(
      UsageError,
      /^the waits overflow: wait \d+ would be longer than Go's longest duration .*Lower --factor \(now 2\), or --steps to \d+ or less \(now 200\)/,
    );
    expect(() => parseDemoFlags(['--jitter', '1e308'])).toThrowError(
      UsageError,
      /^--jitter 1e\+308 overflows/,
    );
  });

  it('should reject unknown flags, positional arguments and an empty --out', () => {
    expect(() => parseDemoFlags(['--writer', '3'])).toThrowError(UsageError, /Unknown option '--writer'/);
    expect(() => parseDemoFlags(['20'])).toThrowError(UsageError, /Unexpected argument '20'/);
    expect(() => parseDemoFlags(['--out', ''])).toThrowError(UsageError, '--out must name a folder, got ""');
  });

  it('should default to a backoff that plan passes without a warning', () => {
    expect(planBackoff(DEFAULT_CUSTOM_BACKOFF).warnings).toEqual([]);
  });
});
