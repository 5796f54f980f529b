import { DEFAULT_CUSTOM_BACKOFF, parseDemoFlags, UsageError } from '../../demo/flags.js';
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

  it('should read --out, --no-progress and --help', () => {
    expect(parseDemoFlags(['--out', 'lab', '--no-progress', '--help'])).toEqual(
      jasmine.objectContaining({ outDir: 'lab', progress: false, help: true }),
    );
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
      '--writers must be a number, got " "',
    );
  });

  it("should reject a backoff the library rejects, with the library's message under the flag's name", () => {
    expect(() => parseDemoFlags(['--jitter=-1'])).toThrowError(
      UsageError,
      '--jitter: Backoff.jitter must be a finite number >= 0, got -1',
    );
    expect(() => parseDemoFlags(['--cap', 'Infinity'])).toThrowError(
      UsageError,
      '--cap must be a number, got "Infinity"',
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
