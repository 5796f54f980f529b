import { DefaultBackoff, DefaultRetry } from '../../src/index.js';

describe('Backoff presets', () => {
  it('DefaultRetry is client-go retry.DefaultRetry: 5 steps of 10ms, factor 1, jitter 0.1', () => {
    expect({ ...DefaultRetry }).toEqual({ steps: 5, duration: 10, factor: 1, jitter: 0.1 });
  });

  it('DefaultBackoff is client-go retry.DefaultBackoff: 4 steps from 10ms, factor 5, jitter 0.1', () => {
    expect({ ...DefaultBackoff }).toEqual({ steps: 4, duration: 10, factor: 5, jitter: 0.1 });
  });

  it('are frozen, so no caller can change the schedule of every other caller', () => {
    expect(Object.isFrozen(DefaultRetry)).toBeTrue();
    expect(Object.isFrozen(DefaultBackoff)).toBeTrue();
    expect(() => {
      (DefaultRetry as { steps: number }).steps = 1;
    }).toThrowError(TypeError);
    expect(DefaultRetry.steps).toBe(5);
  });
});
