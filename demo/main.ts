// `npm run demo`: the contention lab. Starts an in-process CouchDB-compatible server, runs the same
// contended workload under DefaultRetry, DefaultBackoff and the backoff given by the flags, prints
// the figures side by side and writes timeline.svg and summary.json to an output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultBackoff, DefaultRetry, type Backoff } from 'rxjs-retry-on-conflict';
import { startCouchServer } from '../dev-support/servers/couch-server.js';
import { runContentionLab, type LabRun } from './contention-lab.js';
import { DEMO_USAGE, parseDemoFlags, UsageError, type DemoOptions } from './flags.js';
import { formatSummaryTable, summarizeRun } from './lab-summary.js';
import { createProgressDisplay } from './progress-display.js';
import { renderTimelineSvg } from './timeline-svg.js';

async function main(argv: readonly string[]): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoFlags(argv);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`demo: ${error.message}\nRun \`npm run demo -- --help\` for the flags.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }

  const backoffs: [string, Backoff][] = [
    ['DefaultRetry', DefaultRetry],
    ['DefaultBackoff', DefaultBackoff],
    ['custom', options.custom],
  ];
  const outDir = options.outDir ?? join('demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
  process.stdout.write(
    `Contention lab: ${options.writers} writers × ${options.increments} increments of one CouchDB document, ` +
      `GET → +1 → PUT under retryOnConflict.\n`,
  );

  const server = await startCouchServer();
  const runs: LabRun[] = [];
  try {
    process.stdout.write(`Server: ${server.url} (in-process, in-memory)\n\n`);
    for (const [index, [name, backoff]] of backoffs.entries()) {
      const display = createProgressDisplay(process.stderr, name, options.progress);
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
  process.stdout.write(`\n${formatSummaryTable(summaries)}\n\n`);
  mkdirSync(outDir, { recursive: true });
  const svgPath = join(outDir, 'timeline.svg');
  const jsonPath = join(outDir, 'summary.json');
  writeFileSync(svgPath, renderTimelineSvg(runs));
  writeFileSync(
    jsonPath,
    `${JSON.stringify({ writers: options.writers, increments: options.increments, runs: summaries }, null, 2)}\n`,
  );
  process.stdout.write(`Wrote ${svgPath} and ${jsonPath}\n`);

  for (const summary of summaries) {
    if (summary.giveUps > 0) {
      process.stdout.write(
        `${summary.name}: ${summary.giveUps} update${summary.giveUps === 1 ? '' : 's'} gave up after ${summary.backoff.steps} attempts: ` +
          `each writer got the last 409 and nothing was written (no update lost).\n`,
      );
    }
  }
  const lossy = summaries.filter((summary) => summary.lostUpdates !== 0);
  if (lossy.length > 0) {
    process.stderr.write(`LOST UPDATES: ${lossy.map((s) => `${s.name} ${s.lostUpdates}`).join(', ')}\n`);
    return 1;
  }
  process.stdout.write('Lost updates: 0 under every backoff.\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
