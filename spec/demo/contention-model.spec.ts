import { readFileSync } from 'node:fs';
import {
  AWS_NETWORK,
  awsRow,
  awsWithin,
  committedResults,
  labModel,
  labWithin,
  renderChart,
  renderPage,
  replaceGenerated,
  type AwsReference,
  type LabReference,
} from '../../demo/contention-model.js';
import { awsBackoffs, type AwsBackoffName } from '../../src/cli/simulate/wait-functions.js';
import { REPO_ROOT } from '../support/run-node.js';

const read = (file: string): string => readFileSync(`${REPO_ROOT}${file}`, 'utf8');

const aws = JSON.parse(read('docs/data/aws-backoff-simulator.json')) as AwsReference;
const lab = JSON.parse(read('docs/data/contention-lab-runs.json')) as LabReference;
const results = committedResults();

describe('the contention model page (docs/contention-model.md)', () => {
  it('should show the tables that docs/data/contention-model.json gives', async () => {
    const page = read('docs/contention-model.md');

    expect(await renderPage(page, results)).toBe(page);
  });

  it('should show the chart that the JSON gives', () => {
    expect(read('docs/images/contention-model.svg')).toBe(renderChart(results));
  });

  it('should have each generated block, and refuse to fill one the page lacks', () => {
    expect(replaceGenerated('a <!-- generated: x -->old<!-- /generated --> b', 'x', 'new')).toBe(
      'a <!-- generated: x -->\n\nnew\n\n<!-- /generated --> b',
    );
    expect(() => replaceGenerated('no block', 'x', 'new')).toThrowError(/no generated block "x"/);
  });
});

describe("the model against the AWS post's simulator", () => {
  it('should be within 5 % of its mean completion time and 3 % of its mean calls, for every row', () => {
    expect(results.aws.length).toBe(aws.rows.length);
    for (const row of aws.rows) {
      const model = results.aws.find(
        (entry) => entry.clients === row.clients && entry.backoff === row.backoff,
      );

      expect(model && awsWithin(model, row))
        .withContext(`${row.clients} clients, ${row.backoff}: ${JSON.stringify(model)}`)
        .toBeTrue();
    }
  });

  it('should still give the committed figures for 10 clients under each of the five backoffs', () => {
    const waits = awsBackoffs(5, 2000);
    for (const backoff of Object.keys(waits) as AwsBackoffName[]) {
      const committed = results.aws.find((entry) => entry.clients === 10 && entry.backoff === backoff);

      expect<unknown>({
        clients: 10,
        backoff,
        ...awsRow(10, { waits: waits[backoff], maxAttempts: Infinity }),
      })
        .withContext(backoff)
        .toEqual(committed);
    }
    expect(AWS_NETWORK).toEqual({ delayMeanMs: 10, delaySdMs: 2, readServiceMs: 0, writeServiceMs: 0 });
  });

  it('should give the same figures for "none" through retryOnConflict as through the plain wait function', () => {
    for (const byOperator of results.awsNoneByOperator) {
      const plain = results.aws.find(
        (entry) => entry.clients === byOperator.clients && entry.backoff === 'none',
      );

      expect({ timeMs: plain?.timeMs, calls: plain?.calls }).toEqual({
        timeMs: byOperator.timeMs,
        calls: byOperator.calls,
      });
    }
  });
});

describe('the model against the lab', () => {
  const updates = lab.writers * lab.increments;
  const runsOf = (name: string) =>
    lab.runs.map((run) => {
      const figures = run.backoffs[name];
      if (figures === undefined) throw new Error(`a lab run lacks ${name}`);
      return figures;
    });

  it('should agree on updates done, give-ups and conflicts under all three backoffs', () => {
    for (const name of Object.keys(lab.backoffs)) {
      const model = results.lab[name];
      if (model === undefined) throw new Error(`the model has no ${name}`);
      const within = labWithin(model, runsOf(name), updates);

      expect([within.updatesDone, within.giveUps, within.conflicts])
        .withContext(name)
        .toEqual([true, true, true]);
    }
  });

  it('should agree on latency under DefaultBackoff and the custom backoff, and not under DefaultRetry (as the page says)', () => {
    const latencyWithin = (name: string) => {
      const model = results.lab[name];
      if (model === undefined) throw new Error(`the model has no ${name}`);
      const within = labWithin(model, runsOf(name), updates);
      return [within.latencyP50Ms, within.latencyP99Ms];
    };

    expect(latencyWithin('DefaultBackoff')).toEqual([true, true]);
    expect(latencyWithin('custom')).toEqual([true, true]);
    expect(latencyWithin('DefaultRetry')).toEqual([false, false]);
  });

  it('should still give the committed figures for the DefaultRetry column', () => {
    const backoff = lab.backoffs['DefaultRetry'];
    if (backoff === undefined) throw new Error('the lab has no DefaultRetry');

    expect(labModel(backoff, lab.writers, lab.increments)).toEqual(results.lab['DefaultRetry']!);
  });
});
