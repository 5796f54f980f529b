// After `stryker run` (`npm run mutation`): reduces Stryker's JSON report
// (reports/mutation/mutation.json) to the figures docs/testing.md shows, writes them to
// mutation-score.json with the commit, the date and the machine, and puts them into the page's
// `mutation:score` block. spec/docs/figures.spec.ts checks the page against mutation-score.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { writeMarkedBlocks } from './marked-blocks.mjs';

/** Counts of a Stryker report's mutants by status, and the score as Stryker computes it. */
export function summarizeMutationReport(report) {
  const statuses = Object.values(report.files).flatMap((file) => file.mutants.map((mutant) => mutant.status));
  const counted = (status) => statuses.filter((each) => each === status).length;
  const killed = counted('Killed');
  const timedOut = counted('Timeout');
  const survived = counted('Survived');
  const noCoverage = counted('NoCoverage');
  const mutants = killed + timedOut + survived + noCoverage;
  const seconds = report.performance
    ? Math.round(
        (report.performance.setup + report.performance.initialRun + report.performance.mutation) / 1000,
      )
    : undefined;
  return {
    mutants,
    killed,
    timedOut,
    survived,
    noCoverage,
    score: Math.round(((killed + timedOut) / mutants) * 10_000) / 100,
    ...(seconds === undefined ? {} : { durationSeconds: seconds }),
  };
}

/** `2260` as `37 min 40 s`. */
function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}

/** The `mutation:score` block of docs/testing.md for a mutation-score.json. */
export function renderMutationScore(score) {
  const took = score.durationSeconds === undefined ? '' : `, in ${duration(score.durationSeconds)}`;
  return (
    `**Mutation score ${score.score.toFixed(2)}%**: ${score.mutants} mutants, ${score.killed} killed, ` +
    `${score.timedOut} timed out (a mutant that loops for ever counts as detected), ${score.survived} survived, ` +
    `${score.noCoverage} without coverage. A full run of \`npm run mutation\` (\`test:unit\` as the runner's suite) ` +
    `on commit ${score.commit}, on ${score.date}, on ${score.machine}${took}. ` +
    'Written by `npm run mutation` into `mutation-score.json` and here.'
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
  const score = {
    ...summarizeMutationReport(report),
    commit: execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8' }).trim(),
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus()[0]?.model.trim() ?? 'an unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`,
  };
  writeFileSync('mutation-score.json', `${JSON.stringify(score, null, 2)}\n`);
  await writeMarkedBlocks('docs/testing.md', { 'mutation:score': renderMutationScore(score) });
  console.log(`mutation score ${score.score}%: wrote mutation-score.json and docs/testing.md`);
}
