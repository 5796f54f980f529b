import fc from 'fast-check';

/**
 * Checks a fast-check property and reports it through jasmine: a failure shows fast-check's own
 * report (the shrunk counterexample, the seed and path to replay it) and the assertion that failed
 * on it. Properties state their checks with `node:assert`, which throws, so that fast-check sees
 * each failure and can shrink it.
 */
export function expectProperty<Ts>(property: fc.IProperty<Ts>, parameters: fc.Parameters<Ts> = {}): void {
  const details = fc.check(property, parameters);
  if (details.failed) {
    const report = fc.defaultReportMessage(details)?.replace(/\n+Hint: .*$/s, '') ?? 'Property failed';
    fail(`${report}\nFailed with: ${String(details.errorInstance)}`);
  }
  expect(details.numRuns).withContext('runs that satisfied the preconditions').toBeGreaterThan(0);
}
