import { absoluteNormal, seededRandom } from '../../../src/cli/simulate/seeded-random.js';

describe('seededRandom', () => {
  it('should give the same numbers in [0, 1) for the same seed, and others for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 1000 }, () => random());
    };

    expect(draw(1)).toEqual(draw(1));
    expect(draw(2)).not.toEqual(draw(1));
    expect(draw(1).every((value) => value >= 0 && value < 1)).toBeTrue();
  });

  it('should spread its numbers evenly: about a tenth in each tenth of [0, 1)', () => {
    const random = seededRandom(99);
    const bins = Array.from({ length: 10 }, () => 0);
    for (let index = 0; index < 100_000; index++) bins[Math.floor(random() * 10)]!++;

    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });
});

describe('absoluteNormal', () => {
  it('should give the mean when the deviation is 0, without drawing', () => {
    const random = jasmine.createSpy('random').and.returnValue(0.5);

    expect(absoluteNormal(random, 10, 0)).toBe(10);
    expect(random).not.toHaveBeenCalled();
  });

  it('should draw |Normal(mean, sd)|: mean and deviation as asked, never negative', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 50_000 }, () => absoluteNormal(random, 10, 2));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((sum, draw) => sum + (draw - mean) ** 2, 0) / draws.length);

    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
  });
});
