import { formatPlan, parsePlanFlags, planFor } from '../../src/cli/plan-command.js';
import { UsageError } from '../../src/cli/backoff-flags.js';
import { planBackoff } from '../../src/plan/plan-backoff.js';
import { MAX_LISTED_STEPS } from '../../src/backoff/backoff-schedule.js';
import { isInputError } from '../../src/input/input-error.js';
import { DefaultBackoff, type Backoff } from '../../src/index.js';

/** The text `plan` prints for a backoff, line by line. */
const printed = (backoff: Backoff): string[] => formatPlan(planBackoff(backoff)).split('\n');

describe('plan, as printed', () => {
  it('should lay out DefaultBackoff: each wait as min .. max, the worst case so far, the totals', () => {
    expect(printed(DefaultBackoff)).toEqual([
      'Backoff: steps 4, duration 10 ms, factor 5, jitter 0.1, cap none',
      '',
      'attempt   then, if it fails                       worst case so far',
      '1         wait 10 ms .. 11 ms                     11 ms',
      '2         wait 50 ms .. 55 ms                     66 ms',
      '3         wait 250 ms .. 275 ms                   341 ms',
      '4         give up: the error reaches the caller   341 ms',
      '',
      "4 attempts; the caller sees the last error after 310 ms .. 341 ms of waiting, plus the attempts' own time.",
      '',
    ]);
  });

  it('should end with the wait of the cap rule, and warn of the cap and of no jitter', () => {
    expect(printed({ steps: 8, duration: 10, factor: 2, jitter: 0, cap: 300 })).toEqual([
      'Backoff: steps 8, duration 10 ms, factor 2, jitter 0, cap 300 ms',
      '',
      'attempt   then, if it fails                      worst case so far',
      '1         wait 10 ms                             10 ms',
      '2         wait 20 ms                             30 ms',
      '3         wait 40 ms                             70 ms',
      '4         wait 80 ms                             150 ms',
      '5         wait 160 ms, then give up (cap rule)   310 ms',
      '',
      "5 attempts; the caller sees the last error after 310 ms of waiting, plus the attempts' own time.",
      "warning: cap 300 ms ends the retries after wait 5: 5 attempts, not 8. Go's cap rule: once duration × factor would pass the cap, the next wait is the last and the error follows it. For more attempts raise the cap or lower the factor.",
      'warning: jitter is 0: clients that conflict together retry together and conflict again (a thundering herd). A jitter of 0.1 or more spreads them.',
      '',
    ]);
  });

  it('should speak of one attempt, and warn that there is no retry, for steps 1', () => {
    expect(printed({ steps: 1, duration: 10, factor: 1, jitter: 0.1 })).toEqual([
      'Backoff: steps 1, duration 10 ms, factor 1, jitter 0.1, cap none',
      '',
      'attempt   then, if it fails                       worst case so far',
      '1         give up: the error reaches the caller   0 ms',
      '',
      "1 attempt; the caller sees the last error after 0 ms of waiting, plus the attempts' own time.",
      'warning: steps is 1: a single attempt, never a retry.',
      '',
    ]);
  });

  it('should give waits from 10 s in seconds, and warn when the worst case outlasts common HTTP timeouts', () => {
    expect(printed({ steps: 4, duration: 10_000, factor: 2, jitter: 0.5 })).toEqual([
      'Backoff: steps 4, duration 10000 ms, factor 2, jitter 0.5, cap none',
      '',
      'attempt   then, if it fails                       worst case so far',
      '1         wait 10 s .. 15 s                       15 s',
      '2         wait 20 s .. 30 s                       45 s',
      '3         wait 40 s .. 1 min (60000 ms)           1 min 45 s (105000 ms)',
      '4         give up: the error reaches the caller   1 min 45 s (105000 ms)',
      '',
      "4 attempts; the caller sees the last error after 1 min 10 s (70000 ms) .. 1 min 45 s (105000 ms) of waiting, plus the attempts' own time.",
      "warning: the waits alone add up to 1 min 45 s (105000 ms) at worst, longer than 30 s (Heroku's router and many API gateways) and 60 s (nginx's proxy_read_timeout, AWS ALB's idle timeout, kube-apiserver's --request-timeout): a request that runs this retry loop may be cut off before the error reaches its caller.",
      '',
    ]);
  });

  it('should not warn of a timeout that the worst case only reaches', () => {
    const plan = planBackoff({ steps: 2, duration: 30_000, factor: 1, jitter: 0 });
    expect(plan.totalMaxMs).toBe(30_000);
    expect(plan.warnings.map(({ code }) => code)).toEqual(['no-jitter']);
  });

  it('should not warn of missing jitter when every wait is 0', () => {
    expect(planBackoff({ steps: 3, duration: 0, factor: 1, jitter: 0 }).warnings).toEqual([]);
  });

  it('should warn of missing jitter when some wait is not 0', () => {
    // 1 ns, then half of it, truncated as Go does: 0.
    const plan = planBackoff({ steps: 3, duration: 1e-6, factor: 0.5, jitter: 0 });
    expect(plan.waits.map(({ minMs }) => minMs)).toEqual([1e-6, 0]);
    expect(plan.warnings.map(({ code }) => code)).toEqual(['no-jitter']);
  });
});

describe('plan flags and errors', () => {
  it('should plan as many steps as the listing functions list, and refuse one more, naming --steps and the bound', () => {
    expect(planFor({ ...DefaultBackoff, factor: 1, steps: MAX_LISTED_STEPS }).attempts).toBe(
      MAX_LISTED_STEPS,
    );
    expect(() => planFor({ ...DefaultBackoff, factor: 1, steps: MAX_LISTED_STEPS + 1 })).toThrowError(
      UsageError,
      `--steps: Backoff.steps must be at most ${MAX_LISTED_STEPS} to list the waits (or a cap must end the retries sooner), got ${MAX_LISTED_STEPS + 1}`,
    );
  });

  it('should refuse a positional argument, a blank number and a non-number, as UsageErrors', () => {
    for (const argv of [['extra'], ['--duration', '  '], ['--cap', 'ten']]) {
      expect(() => parsePlanFlags(argv)).toThrowMatching(
        (error: unknown) => error instanceof UsageError && error.name === 'UsageError',
      );
    }
  });

  for (const flag of ['steps', 'duration', 'factor', 'jitter', 'cap']) {
    it(`should name --${flag} when its value is not a number`, () => {
      expect(() => parsePlanFlags([`--${flag}`, 'ten'])).toThrowError(
        UsageError,
        `--${flag} must be a decimal number, got "ten"`,
      );
    });
  }

  it('should read every numeric flag into its own field', () => {
    const argv = ['--steps', '7', '--duration', '3', '--factor', '1.5', '--jitter', '0.25', '--cap', '90'];
    expect(parsePlanFlags(argv).backoff).toEqual({
      steps: 7,
      duration: 3,
      factor: 1.5,
      jitter: 0.25,
      cap: 90,
    });
  });

  it('should name the flag of a field the library rejects', () => {
    expect(() => planFor({ steps: 0, duration: 10, factor: 1, jitter: 0 })).toThrowError(
      UsageError,
      '--steps: Backoff.steps must be an integer >= 1, got 0',
    );
  });

  it("should name --duration, not an overflow of the waits, for a duration past Go's longest one", () => {
    let thrown: unknown;
    try {
      planFor({ steps: 3, duration: 2 ** 63 / 1e6, factor: 1, jitter: 0 });
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(/^--duration: Backoff\.duration must be /);
  });

  it('should name the flags to change for an overflow, and carry the input error and its facts as cause', () => {
    let thrown: unknown;
    try {
      planFor({ steps: 3, duration: 2 ** 62 / 1e6, factor: 2, jitter: 0 });
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    const usageError = thrown as UsageError;
    expect(usageError.message).toContain('the waits overflow: wait 2 would be longer than');
    expect(usageError.message).toContain('Lower --factor (now 2), or --steps to 2 or less (now 3).');
    expect(isInputError(usageError.cause) && usageError.cause.info).toEqual(
      jasmine.objectContaining({ problem: 'overflow', wait: 2, maxSteps: 2, jitterAlone: false }),
    );
  });

  it('should speak of one attempt in the cap warning when the cap ends the retries after the first wait', () => {
    const plan = planBackoff({ steps: 5, duration: 10, factor: 4, jitter: 0.1, cap: 20 });
    expect(plan.attempts).toBe(1);
    expect(plan.warnings[0]?.message).toContain('ends the retries after wait 1: 1 attempt, not 5.');
  });

  it('should plan the most steps that do not overflow: the operator never makes the wait after the last attempt', () => {
    // 2^62 ns doubled is 2^63 ns, past Go's int64: only a third attempt would wait that long.
    const plan = planBackoff({ steps: 2, duration: 2 ** 62 / 1e6, factor: 2, jitter: 0 });
    expect([plan.attempts, plan.capEndsRetries]).toEqual([2, false]);
  });
});
