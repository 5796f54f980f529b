import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultBackoff, DefaultRetry, type Backoff } from 'rxjs-retry-on-conflict';
import { UsageError } from '../src/cli/backoff-flags.js';
import { startCouchServer } from '../dev-support/servers/couch-server.js';
import { runContentionLab, type LabRun } from './contention-lab.js';
import { DEMO_USAGE, parseDemoFlags, type DemoOptions } from './flags.js';
import { describeGiveUps, formatSummaryTable, summarizeRun } from './lab-summary.js';
import { createProgressDisplay, type ProgressStream } from './progress-display.js';
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
 * Resolves to the exit status: 0; 1 if an update was lost; 2 for a usage error (on stderr, with
 * the usage line).
 */
export async function main(argv: readonly string[], io: LabIo): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoFlags(argv);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    const synopsis = DEMO_USAGE.slice(0, DEMO_USAGE.indexOf('\n'));
    io.stderr.write(`demo: ${error.message}\n\n${synopsis}\nRun \`npm run demo -- --help\` for the flags.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(DEMO_USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const backoffs: [string, Backoff][] = [
    ['DefaultRetry', DefaultRetry],
    ['DefaultBackoff', DefaultBackoff],
    ['custom', options.custom],
  ];
  const outDir = options.outDir ?? join('demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
  io.stdout.write(
    `Contention lab: ${options.writers} writers × ${options.increments} increments of one CouchDB document, ` +
      `GET → +1 → PUT under retryOnConflict.\n`,
  );

  const server = await startCouchServer();
  const runs: LabRun[] = [];
  try {
    io.stdout.write(`Server: ${server.url} (in-process, in-memory)\n\n`);
    for (const [index, [name, backoff]] of backoffs.entries()) {
      const display = createProgressDisplay(io.stderr, name, options.progress);
      const run = await runContentionLab(server, {
        name,
        backoff,
        writers: options.writers,
        increments: options.increments,
        database: `lab-${index + 1}`,
        onProgress: (progress) => display.update(progress),
      });
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
      runs.push(run);
    }
  } finally {
    await server.close();
  }

  const summaries = runs.map(summarizeRun);
  io.stdout.write(`\n${formatSummaryTable(summaries)}\n\n`);
  mkdirSync(outDir, { recursive: true });
  const svgPath = join(outDir, 'timeline.svg');
  const jsonPath = join(outDir, 'summary.json');
  writeFileSync(svgPath, renderTimelineSvg(runs));
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ writers: options.writers, increments: options.increments, runs: summaries }, null, 2)}\n`,
  );
  io.stdout.write(`Wrote ${svgPath} and ${jsonPath}\n`);

  for (const run of runs) {
    const giveUps = describeGiveUps(run);
    if (giveUps !== undefined) io.stdout.write(`${giveUps}\n`);
  }
  const lossy = summaries.filter((summary) => summary.lostUpdates !== 0);
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
