import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultBackoff, DefaultRetry, type Backoff } from 'rxjs-retry-on-conflict';
import { UsageError } from '../src/cli/backoff-flags.js';
import { startCouchServer, type CouchServer } from '../dev-support/servers/couch-server.js';
import { startThrottlingProxy } from '../dev-support/servers/throttling-proxy.js';
import { runContentionLab, type LabOptions, type LabRun } from './contention-lab.js';
import { DEMO_USAGE, parseDemoFlags, type DemoOptions } from './flags.js';
import { count } from './count.js';
import { describeGiveUps, formatSummaryTable, summarizeRun } from './lab-summary.js';
import { prepareOutDir } from './out-dir.js';
import { createProgressDisplay, type ProgressStream } from './progress-display.js';
import { formatThrottledTable, summarizeThrottledRun } from './throttled-summary.js';
import { renderTimelineSvg } from './timeline-svg.js';

/** Where the lab writes: the process's streams, or a spec's. */
export interface LabIo {
  readonly stdout: { write(text: string): unknown };
  /** Progress and errors; a TTY gets a live progress bar. */
  readonly stderr: ProgressStream;
}

/**
 * `npm run demo` with its arguments: the contention lab. Starts an in-process CouchDB-compatible
 * server, runs the same contended workload under DefaultRetry, DefaultBackoff and the backoff
 * given by the flags, prints the figures side by side and writes timeline.svg and summary.json.
 * Then the throttled scenario: the same workload under the flags' backoff through a throttling
 * proxy, ignoring and then honouring its `Retry-After`, side by side, with throttled-timeline.svg.
 * Resolves to the exit status: 0; 1 if an update was lost; 2 for a usage error (on stderr, with
 * the usage line), found before the lab starts: every flag is read and the output folder made and
 * checked for writing first.
 */
export async function main(argv: readonly string[], io: LabIo): Promise<number> {
  let options: DemoOptions;
  let outDir: string;
  try {
    options = parseDemoFlags(argv);
    if (options.help) {
      io.stdout.write(DEMO_USAGE);
      return 0;
    }
    if (options.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    outDir = options.outDir ?? join('demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
    prepareOutDir(outDir, options.outDir !== undefined);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = DEMO_USAGE.slice(0, DEMO_USAGE.indexOf('\n'));
    io.stderr.write(`demo: ${error.message}\n\n${synopsis}\nRun \`npm run demo -- --help\` for the flags.\n`);
    return 2;
  }
  const backoffs: [string, Backoff][] = [
    ['DefaultRetry', DefaultRetry],
    ['DefaultBackoff', DefaultBackoff],
    ['custom', options.custom],
  ];
  io.stdout.write(
    `Contention lab: ${count(options.writers, 'writer')} × ${count(options.increments, 'increment')} of one CouchDB document, ` +
      `GET → +1 → PUT under retryOnConflict.\n`,
  );

  const server = await startCouchServer();
  const runs: LabRun[] = [];
  const throttledRuns: LabRun[] = [];
  try {
    io.stdout.write(`Server: ${server.url} (in-process, in-memory)\n\n`);
    for (const [index, [name, backoff]] of backoffs.entries()) {
      runs.push(
        await runShowingProgress(server, io, options.progress, {
          name,
          backoff,
          writers: options.writers,
          increments: options.increments,
          database: `lab-${index + 1}`,
        }),
      );
    }
    io.stdout.write(
      `\nThrottled: the same writers under the custom backoff, through a throttle that admits ` +
        `${options.admitPerSecond} requests a second and answers the rest 429 with Retry-After.\n`,
    );
    for (const [index, retryAfter] of (['ignored', 'honoured'] as const).entries()) {
      const name = `Retry-After ${retryAfter}`;
      // A throttle of its own for each run, so that each starts with the same allowance.
      const proxy = await startThrottlingProxy({
        target: server.url,
        admitPerSecond: options.admitPerSecond,
      });
      try {
        throttledRuns.push(
          await runShowingProgress(server, io, options.progress, {
            name,
            backoff: options.custom,
            writers: options.writers,
            increments: options.increments,
            database: `lab-throttled-${index + 1}`,
            throttle: { url: proxy.url, retryAfter },
          }),
        );
      } finally {
        await proxy.close();
      }
    }
  } finally {
    await server.close();
  }

  const summaries = runs.map(summarizeRun);
  const throttledSummaries = throttledRuns.map(summarizeThrottledRun);
  io.stdout.write(`\n${formatSummaryTable(summaries)}\n\n`);
  io.stdout.write(`Throttled at ${options.admitPerSecond} requests a second:\n\n`);
  io.stdout.write(`${formatThrottledTable(throttledSummaries)}\n\n`);
  const svgPath = join(outDir, 'timeline.svg');
  const throttledSvgPath = join(outDir, 'throttled-timeline.svg');
  const jsonPath = join(outDir, 'summary.json');
  writeFileSync(svgPath, renderTimelineSvg(runs));
  writeFileSync(
    throttledSvgPath,
    renderTimelineSvg(throttledRuns, 'Behind a throttle: Retry-After ignored and honoured'),
  );
  const throttled = { admitPerSecond: options.admitPerSecond, runs: throttledSummaries };
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ writers: options.writers, increments: options.increments, runs: summaries, throttled }, null, 2)}\n`,
  );
  io.stdout.write(`Wrote ${svgPath}, ${throttledSvgPath} and ${jsonPath}\n`);

  for (const run of [...runs, ...throttledRuns]) {
    const giveUps = describeGiveUps(run);
    if (giveUps !== undefined) io.stdout.write(`${giveUps}\n`);
  }
  const [ignored, honoured] = throttledSummaries;
  if (ignored && honoured) {
    io.stdout.write(
      `Honouring Retry-After: ${honoured.requests} requests sent instead of ${ignored.requests}, ` +
        `${honoured.tooManyRequests} 429s instead of ${ignored.tooManyRequests}, ` +
        `${honoured.giveUps} give-ups instead of ${ignored.giveUps}.\n`,
    );
  }
  const lossy = [...summaries, ...throttledSummaries].filter((summary) => summary.lostUpdates !== 0);
  if (lossy.length > 0) {
    io.stderr.write(`LOST UPDATES: ${lossy.map((s) => `${s.name} ${s.lostUpdates}`).join(', ')}\n`);
    return 1;
  }
  io.stdout.write('Lost updates: 0 under every backoff.\n');
  return 0;
}

/** The version of the package the demo runs: the demo sits one folder below its package.json. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Runs one lab run with its progress line on stderr, finished with the run's own figures. */
async function runShowingProgress(
  server: CouchServer,
  io: LabIo,
  progress: DemoOptions['progress'],
  lab: Omit<LabOptions, 'onProgress'>,
): Promise<LabRun> {
  const display = createProgressDisplay(io.stderr, lab.name, progress);
  const run = await runContentionLab(server, { ...lab, onProgress: (update) => display.update(update) });
  const summary = summarizeRun(run);
  display.finish(
    {
      settled: run.updates.length,
      total: summary.updatesWanted,
      conflicts: summary.conflicts,
      giveUps: summary.giveUps,
    },
    run.wallMs,
  );
  return run;
}
