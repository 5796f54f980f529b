/**
 * Loaded by `npm run test:unit` (spec/support/jasmine.unit.json) and so by the mutation run: leaves
 * out the suites that wait on real timers inside files that are otherwise virtual-time. Whole files
 * that start servers or processes are left out by the config's `spec_files` instead.
 *
 * A suite runs on real time when its title says "on the real asyncScheduler"; that phrase is the
 * marker (see docs/contributing.md).
 */
const REAL_TIME_SUITE = /\bon the real asyncScheduler\b/;

const env = jasmine.getEnv();
// Helpers load after the runner has configured its own filter (Stryker runs only the specs that
// cover a mutant): narrow that filter rather than replace it.
const runnerFilter = env.configuration().specFilter;
env.configure({
  specFilter: (spec) => !REAL_TIME_SUITE.test(spec.getFullName()) && (runnerFilter?.(spec) ?? true),
});
