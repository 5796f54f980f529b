import { DefaultBackoff, DefaultRetry } from '../../src/index.js';
import { UsageError } from '../../src/cli/backoff-flags.js';
import { backoffFromPresetFlags } from '../../src/cli/preset-flag.js';

describe('backoffFromPresetFlags', () => {
  it('should start from DefaultRetry, or the preset named, with each backoff flag over its field', () => {
    expect(backoffFromPresetFlags({}, 1000, 'a plan')).toEqual({ ...DefaultRetry, cap: 0 });
    expect(backoffFromPresetFlags({ preset: 'DefaultBackoff', steps: '6' }, 1000, 'a plan')).toEqual({
      ...DefaultBackoff,
      steps: 6,
      cap: 0,
    });
  });

  it('should refuse an unknown preset and more steps than the command takes, naming the flag', () => {
    expect(() => backoffFromPresetFlags({ preset: 'Fast' }, 1000, 'a plan')).toThrowError(
      UsageError,
      '--preset must be DefaultRetry or DefaultBackoff, got "Fast"',
    );
    expect(() => backoffFromPresetFlags({ steps: '11' }, 10, 'a simulation')).toThrowError(
      UsageError,
      '--steps must be at most 10 for a simulation, got 11',
    );
  });

  it("should leave a fraction or Infinity of steps to the library's own rule", () => {
    expect(backoffFromPresetFlags({ steps: '2.5' }, 10, 'a plan').steps).toBe(2.5);
    expect(backoffFromPresetFlags({ steps: 'Infinity' }, 10, 'a plan').steps).toBe(Infinity);
  });
});
