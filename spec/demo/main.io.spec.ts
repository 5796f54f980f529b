import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabSummary } from '../../demo/lab-summary.js';
import type { ThrottledSummary } from '../../demo/throttled-summary.js';
import { runTypeScript, type ProcessResult } from '../support/run-node.js';

const DEMO = 'demo/main.ts';
/** The lab's own limit as a process; jasmine waits longer, so that a slow lab is killed, not left behind. */
const CHILD_LIMIT_MS = 60_000;

interface SummaryFile {
  writers: number;
  increments: number;
  runs: LabSummary[];
  throttled: { admitPerSecond: number; runs: ThrottledSummary[] };
}

describe('npm run demo (the contention lab, run as a process)', () => {
  let outDir: string;
  let result: ProcessResult;
  let summary: SummaryFile;
  let svg: string;
  let throttledSvg: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'contention-lab-'));
    // A custom backoff that cannot run out: an attempt conflicts only when another writer's update
    // landed between its GET and its PUT, and the 3 other writers make at most 9 updates, so no
    // update needs more than 10 attempts. With 10 steps every update gets through, every time.
    result = await runTypeScript(
      DEMO,
      [
        '--writers',
        '4',
        '--increments',
        '3',
        '--steps',
        '10',
        '--duration',
        '2',
        '--factor',
        '1.2',
        '--jitter',
        '1',
        '--cap',
        '0',
        '--admit',
        '10',
        '--out',
        outDir,
      ],
      CHILD_LIMIT_MS,
    );
    summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as SummaryFile;
    svg = readFileSync(join(outDir, 'timeline.svg'), 'utf8');
    throttledSvg = readFileSync(join(outDir, 'throttled-timeline.svg'), 'utf8');
  }, CHILD_LIMIT_MS + 30_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('should exit 0 and name the output folder it wrote to', () => {
    expect(result.code).withContext(result.stderr).toBe(0);
    expect(result.stdout).toContain('Contention lab: 4 writers × 3 increments of one CouchDB document');
    expect(result.stdout).toContain(
      `Wrote ${join(outDir, 'timeline.svg')}, ${join(outDir, 'throttled-timeline.svg')} and ${join(outDir, 'summary.json')}`,
    );
    expect(result.stdout).toContain('Lost updates: 0 under every backoff.');
  });

  it('should run DefaultRetry, DefaultBackoff and the backoff from the flags, side by side', () => {
    expect(summary.runs.map((run) => run.name)).toEqual(['DefaultRetry', 'DefaultBackoff', 'custom']);
    expect(summary.runs[2]?.backoff).toEqual({ steps: 10, duration: 2, factor: 1.2, jitter: 1, cap: 0 });
    expect(result.stdout).toMatch(/^\| +\| +DefaultRetry \| +DefaultBackoff \| +custom \|$/m);
    expect(result.stdout).toMatch(/^\| lost updates +\| +0 \| +0 \| +0 \|$/m);
  });

  it('should account for every update: done or given up, and every acknowledged one in the counter', () => {
    for (const run of summary.runs) {
      expect(run.updatesWanted).toBe(12);
      expect(run.updatesDone + run.giveUps)
        .withContext(run.name)
        .toBe(12);
      expect(run.lostUpdates).withContext(run.name).toBe(0);
      expect(run.finalCount).withContext(run.name).toBe(run.updatesDone);
    }
    expect(summary.runs[2]?.giveUps).toBe(0);
  });

  it('should agree with what the server counted: one GET and one PUT per attempt, one 409 per conflict', () => {
    for (const run of summary.runs) {
      const attempts = run.updatesDone + run.conflicts;
      expect(run.server.gets).withContext(run.name).toBe(attempts);
      expect(run.server.puts).withContext(run.name).toBe(attempts);
      expect(run.server.conflicts).withContext(run.name).toBe(run.conflicts);
      // Each conflict is followed by a retry, except the last one of an update that gave up.
      expect(run.retries)
        .withContext(run.name)
        .toBe(run.conflicts - run.giveUps);
    }
  });

  it('should draw a timeline with a panel per backoff and a mark per success and give-up', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    for (const name of ['DefaultRetry', 'DefaultBackoff', 'custom']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    const legendDot = 1;
    const successes = summary.runs.reduce((sum, run) => sum + run.updatesDone, 0);
    expect((svg.match(/<circle /g) ?? []).length).toBe(successes + legendDot);
  });

  describe('the throttled scenario', () => {
    it('should run the same writers under the custom backoff, ignoring and then honouring Retry-After', () => {
      expect(summary.throttled.admitPerSecond).toBe(10);
      expect(summary.throttled.runs.map((run) => [run.name, run.retryAfter])).toEqual([
        ['Retry-After ignored', 'ignored'],
        ['Retry-After honoured', 'honoured'],
      ]);
      for (const run of summary.throttled.runs) {
        expect(run.backoff).withContext(run.name).toEqual(summary.runs[2]!.backoff);
        expect(run.updatesWanted).withContext(run.name).toBe(12);
      }
      expect(result.stdout).toMatch(/^\| +\| +Retry-After ignored \| +Retry-After honoured \|$/m);
    });

    it('should lose nothing either way: every update done or given up, every acknowledged one counted', () => {
      for (const run of summary.throttled.runs) {
        expect(run.updatesDone + run.giveUps)
          .withContext(run.name)
          .toBe(12);
        expect(run.lostUpdates).withContext(run.name).toBe(0);
        expect(run.finalCount).withContext(run.name).toBe(run.updatesDone);
      }
    });

    it('should send fewer requests and meet fewer 429s when the ask is honoured', () => {
      const [ignored, honoured] = summary.throttled.runs;
      expect(honoured!.requests).toBeLessThan(ignored!.requests);
      expect(honoured!.tooManyRequests).toBeLessThan(ignored!.tooManyRequests);
      // Every 429 the honouring writers met was waited out as asked (the ask, a second, is longer
      // than any of this backoff's waits), except the last one of an update that gave up.
      expect(honoured!.serverSetWaits).toBeLessThanOrEqual(honoured!.tooManyRequests);
      expect(honoured!.serverSetWaits).toBeGreaterThanOrEqual(honoured!.tooManyRequests - honoured!.giveUps);
      expect(ignored!.serverSetWaits).toBe(0);
      expect(result.stdout).toContain(
        `Honouring Retry-After: ${honoured!.requests} requests sent instead of ${ignored!.requests}`,
      );
    });

    it('should draw a timeline with a panel per run and an orange tick per 429', () => {
      for (const name of ['Retry-After ignored', 'Retry-After honoured']) {
        expect(throttledSvg).toContain(`>${name}</text>`);
      }
      const legendTick = 1;
      const tooManyRequests = summary.throttled.runs.reduce((sum, run) => sum + run.tooManyRequests, 0);
      expect((throttledSvg.match(/stroke="#f08c00"/g) ?? []).length).toBe(tooManyRequests + legendTick);
    });
  });

  it('should print plain progress lines when the output is not a terminal', () => {
    expect(result.stderr).toContain('DefaultRetry: 0% (0/12 settled');
    expect(result.stderr).toMatch(
      /^custom: done \(12\/12 settled, \d+ conflicts?, 0 give-ups\) in \d+\.\d\ds$/m,
    );
  });
});

describe('npm run demo with an --out that cannot be a folder (run as a process)', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'contention-lab-out-'));
    writeFileSync(join(folder, 'a-file'), '');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    'should exit 2 before the lab starts, naming --out, when the folder would be under a file',
    async () => {
      const out = join(folder, 'a-file', 'lab');
      const result = await runTypeScript(DEMO, ['--out', out], CHILD_LIMIT_MS);

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `demo: --out must name a folder that can be created and written to, got ${JSON.stringify(out)}: ` +
          'a part of the path is a file\n\nUsage: npm run demo -- [flags]\nRun `npm run demo -- --help` for the flags.\n',
      );
    },
    CHILD_LIMIT_MS + 15_000,
  );
});
