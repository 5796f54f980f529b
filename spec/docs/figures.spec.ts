import { readFileSync } from 'node:fs';
import { renderTables } from '../../bench/tables.js';
import type { BenchResults } from '../../bench/run.js';
import { DEMO_FIGURE_PAGES, renderDemoSummary, type DemoResults } from '../../demo/docs-figures.js';
import { markedBlock, normalizeBlock } from '../../scripts/marked-blocks.mjs';
import {
  renderMutationScore,
  summarizeMutationReport,
  type MutationScore,
} from '../../scripts/mutation-summary.mjs';
import { readRepoFile } from './doc-blocks.js';

/**
 * Every figure a run measures has one source: the command that measured it saved its output
 * (bench/results.json, demo/results.json, mutation-score.json) and wrote the page's marked block;
 * these specs check that each page still shows what that output renders. (The bundle sizes are
 * checked against a build by `npm run size -- --check`, in .ci/run.)
 */
const json = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

function expectBlock(page: string, name: string, rendered: string): void {
  const block = markedBlock(readRepoFile(page), name);
  expect(block).withContext(`${page} has a <!-- ${name} --> block`).toBeDefined();
  expect(normalizeBlock(block ?? ''))
    .withContext(`${page}, <!-- ${name} -->`)
    .toBe(normalizeBlock(rendered));
}

describe('figures in the docs, against the output of the run that measured them', () => {
  it('should show in docs/performance.md the tables bench/results.json renders', () => {
    const tables = renderTables(json('bench/results.json') as BenchResults);
    expect(Object.keys(tables).length).toBeGreaterThan(0);
    for (const [name, markdown] of Object.entries(tables)) expectBlock('docs/performance.md', name, markdown);
  });

  it("should show in README.md and docs/demo.md the contention lab's run in demo/results.json", () => {
    const results = json('demo/results.json') as DemoResults;
    for (const page of DEMO_FIGURE_PAGES) expectBlock(page, 'demo:summary', renderDemoSummary(results));
  });

  it('should show in docs/testing.md the mutation score in mutation-score.json, once', () => {
    const score = json('mutation-score.json') as MutationScore;
    expectBlock('docs/testing.md', 'mutation:score', renderMutationScore(score));
    const page = readRepoFile('docs/testing.md');
    expect(page.split(`${score.score.toFixed(2)}%`).length - 1).toBe(1);
  });

  it('should give each measured block its date once', () => {
    for (const [page, name] of [
      ['docs/performance.md', 'size:budgets'],
      ['docs/performance.md', 'size:angular'],
      ['docs/testing.md', 'mutation:score'],
      ...DEMO_FIGURE_PAGES.map((page) => [page, 'demo:summary']),
    ] as const) {
      const block = markedBlock(readRepoFile(page), name) ?? '';
      expect(block.match(/\b20\d\d-\d\d-\d\d\b/g)?.length)
        .withContext(`${page}, <!-- ${name} -->`)
        .toBe(1);
    }
  });
});

describe('summarizeMutationReport', () => {
  it("should count a Stryker report's mutants by status and score detected ones over all with a verdict", () => {
    const mutants = (statuses: string[]) => statuses.map((status, id) => ({ id: String(id), status }));
    const summary = summarizeMutationReport({
      files: {
        'src/a.ts': { mutants: mutants(['Killed', 'Killed', 'Timeout', 'Survived']) },
        'src/b.ts': { mutants: mutants(['Killed', 'NoCoverage', 'CompileError', 'Ignored']) },
      },
      performance: { setup: 1000, initialRun: 20_000, mutation: 2_239_000 },
    });

    expect(summary).toEqual({
      mutants: 6,
      killed: 3,
      timedOut: 1,
      survived: 1,
      noCoverage: 1,
      score: 66.67,
      durationSeconds: 2260,
    });
  });
});
