import { DefaultBackoff, DefaultRetry } from '../../src/index.js';
import { formatPlan, parsePlanFlags, planFor, runPlanCommand } from '../../src/cli/plan-command.js';
import { UsageError } from '../../src/cli/backoff-flags.js';
import { planBackoff } from '../../src/plan/plan-backoff.js';

describe('parsePlanFlags', () => {
  it('should start from DefaultRetry and let each flag override its field', () => {
    expect(parsePlanFlags([]).backoff).toEqual({ ...DefaultRetry, cap: 0 });
    expect(parsePlanFlags(['--steps', '7', '--cap', '500']).backoff).toEqual({
      ...DefaultRetry,
      steps: 7,
      cap: 500,
    });
  });

  it('should start from DefaultBackoff with --preset DefaultBackoff', () => {
    expect(parsePlanFlags(['--preset', 'DefaultBackoff']).backoff).toEqual({ ...DefaultBackoff, cap: 0 });
  });

  it('should read --json and --help as switches', () => {
    expect(parsePlanFlags(['--json'])).toEqual(jasmine.objectContaining({ json: true, help: false }));
    expect(parsePlanFlags(['--help'])).toEqual(jasmine.objectContaining({ json: false, help: true }));
  });

  it('should reject an unknown flag, a non-number and an unknown preset, naming each', () => {
    expect(() => parsePlanFlags(['--stpes', '3'])).toThrowError(UsageError, /Unknown option '--stpes'/);
    expect(() => parsePlanFlags(['--factor', 'two'])).toThrowError(
      UsageError,
      '--factor must be a decimal number, got "two"',
    );
    expect(() => parsePlanFlags(['--duration', ''])).toThrowError(
      UsageError,
      '--duration must be a decimal number, got ""',
    );
    expect(() => parsePlanFlags(['--preset', 'Fast'])).toThrowError(
      UsageError,
      '--preset must be DefaultRetry or DefaultBackoff, got "Fast"',
    );
  });

  it('should leave the bound on steps to the planner, so that plan and planBackoff agree', () => {
    expect(parsePlanFlags(['--steps', '1e9']).backoff.steps).toBe(1e9);
  });
});

describe('planFor', () => {
  it("should turn the library's error about a field into a usage error naming the flag", () => {
    expect(() => planFor({ steps: 2.5, duration: 10, factor: 1, jitter: 0 })).toThrowError(
      UsageError,
      '--steps: Backoff.steps must be an integer >= 1, got 2.5',
    );
    expect(() => planFor({ steps: 2, duration: 10, factor: 1, jitter: -0.5 })).toThrowError(
      UsageError,
      '--jitter: Backoff.jitter must be a finite number >= 0, got -0.5',
    );
  });
});

describe('formatPlan', () => {
  it('should print a line per attempt with its wait as min .. max and the worst case so far', () => {
    const text = formatPlan(planBackoff(DefaultBackoff));

    expect(text).toContain('Backoff: steps 4, duration 10 ms, factor 5, jitter 0.1, cap none');
    expect(text).toMatch(/^1 +wait 10 ms \.\. 11 ms +11 ms$/m);
    expect(text).toMatch(/^2 +wait 50 ms \.\. 55 ms +66 ms$/m);
    expect(text).toMatch(/^3 +wait 250 ms \.\. 275 ms +341 ms$/m);
    expect(text).toMatch(/^4 +give up: the error reaches the caller +341 ms$/m);
    expect(text).toContain('4 attempts; the caller sees the last error after 310 ms .. 341 ms of waiting');
    expect(text).not.toContain('warning:');
  });

  it('should mark the capped wait as the last, with no attempt line after it, and print the warning', () => {
    const text = formatPlan(planBackoff({ steps: 8, duration: 10, factor: 2, jitter: 0.1, cap: 300 }));

    expect(text).toMatch(/^5 +wait 160 ms \.\. 176 ms, then give up \(cap rule\) +341 ms$/m);
    expect(text).not.toMatch(/^6 /m);
    expect(text).toContain(
      "warning: cap 300 ms ends the retries after wait 5: 5 attempts, not 8. Go's cap rule",
    );
  });
});

describe('runPlanCommand', () => {
  function run(argv: string[]): { code: number; output: string } {
    let output = '';
    const code = runPlanCommand(argv, { write: (text: string) => (output += text) });
    return { code, output };
  }

  it('should print the plan as JSON with --json', () => {
    const { code, output } = run(['--preset', 'DefaultBackoff', '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual(
      JSON.parse(JSON.stringify(planBackoff({ ...DefaultBackoff, cap: 0 }))),
    );
  });

  it('should print its usage with --help', () => {
    const { code, output } = run(['--help']);

    expect(code).toBe(0);
    expect(output).toContain('Usage: rxjs-retry-on-conflict plan');
  });
});
