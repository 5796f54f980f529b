// `npm run demo:docs`: runs the contention lab with its defaults and makes its figures the docs':
// writes demo/results.json (the summary, with the date and the machine), copies the timeline to
// docs/images/contention-timeline.svg and puts the summary table into README.md and docs/demo.md
// (the `demo:summary` blocks). spec/docs/figures.spec.ts checks the pages against demo/results.json.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMarkedBlocks } from '../scripts/marked-blocks.mjs';
import { main } from './lab-command.js';
import { formatSummaryTable, type LabSummary } from './lab-summary.js';

/** What demo/results.json holds: one run of the lab, where and when it ran. */
export interface DemoResults {
  /** The day of the run, `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** The machine, as the docs print it. */
  readonly machine: string;
  readonly writers: number;
  readonly increments: number;
  readonly runs: readonly LabSummary[];
}

/** The pages that show the run, each in its `demo:summary` block. */
export const DEMO_FIGURE_PAGES = ['README.md', 'docs/demo.md'] as const;

/** The `demo:summary` block: the run's date and machine once, then the table. */
export function renderDemoSummary(results: DemoResults): string {
  return (
    `A run of \`npm run demo\` on ${results.date}, on ${results.machine} (written by \`npm run demo:docs\`; ` +
    `your figures will differ, the shape will not):\n\n${formatSummaryTable(results.runs)}`
  );
}

async function updateDocs(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'contention-lab-docs-'));
  try {
    const load = loadavg()[0] ?? 0;
    const sink = { write: (text: string) => process.stdout.write(text) };
    const code = await main(['--no-progress', '--out', out], { stdout: sink, stderr: process.stderr });
    if (code !== 0) throw new Error(`the lab exited with ${code}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Omit<
      DemoResults,
      'date' | 'machine'
    >;
    const results: DemoResults = {
      date: new Date().toISOString().slice(0, 10),
      machine:
        `${cpus()[0]?.model.trim() ?? 'an unknown CPU'}, ${availableParallelism()} cores, ` +
        `Node ${process.version}, load average ${load.toFixed(1)}`,
      ...summary,
    };
    writeFileSync('demo/results.json', `${JSON.stringify(results, null, 2)}\n`);
    copyFileSync(join(out, 'timeline.svg'), 'docs/images/contention-timeline.svg');
    for (const page of DEMO_FIGURE_PAGES) {
      await writeMarkedBlocks(page, { 'demo:summary': renderDemoSummary(results) });
    }
    process.stdout.write(
      `wrote demo/results.json, docs/images/contention-timeline.svg and the tables in ${DEMO_FIGURE_PAGES.join(' and ')}\n`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await updateDocs();
