import { readFileSync } from 'node:fs';
import { parseDemoFlags } from '../../demo/flags.js';
import { main as runLab } from '../../demo/lab-command.js';
import { main as runCommand } from '../../src/cli/command-line.js';
import { parsePlanFlags } from '../../src/cli/plan-command.js';
import { markdownBlocks, markdownFiles, readRepoFile, where } from './doc-blocks.js';

/**
 * The shell commands in README.md and docs/*.md. `plan` runs here, in-process through main(); the
 * demo's flags are read by its own flag reader (spec/demo/main.io.spec.ts runs the lab itself as a
 * process); the rest are run by .ci/run or are named below with why they are not run.
 */
const ELSEWHERE: Readonly<Record<string, string>> = {
  'npm ci': '.ci/run',
  'npm test': '.ci/run',
  'npm ci && npm test': '.ci/run',
  'npm ci && npm run demo': 'spec/demo/main.io.spec.ts runs the lab as a process (with fewer writers)',
  'npm install rxjs-retry-on-conflict rxjs':
    'not on the registry yet: scripts/consumer-smoke.mjs (run by npm run release:rehearsal, in .ci/run) installs the packed package and rxjs in a new project',
  'npm install rxjs-retry-on-conflict':
    'not on the registry yet: scripts/consumer-smoke.mjs (run by npm run release:rehearsal, in .ci/run) installs the packed package with npm install in a new project, offline, and scripts/test-angular.mjs (npm run test:angular) into examples/angular-app',
  'npm pack':
    'scripts/release-rehearsal.mjs (npm run release:rehearsal, in .ci/run) runs npm ci and npm pack in a fresh clone, prepack building dist/',
  'npm run bench': 'not in CI: minutes of benchmarks (docs/performance.md)',
  'npm run test:angular -- --rounds 5':
    '.ci/run runs npm run test:angular, with the browser check at its default 3 rounds',
  'npm run test:angular -- --rounds 5 --docs':
    'not in CI: it writes the browser check figures into docs/angular.md; .ci/run runs npm run test:angular',
  'npm run mutation': 'not in CI: minutes of mutation testing (docs/testing.md)',
};

interface Output {
  code: number;
  text: string;
}

/** Runs `plan` or the demo's flag check in-process, as the shell would run the command. */
async function runInProcess(command: string): Promise<Output | undefined> {
  const [program, ...args] = command.trim().split(/\s+/);
  let text = '';
  const sink = { write: (chunk: string) => ((text += chunk), true) };
  const io = { stdout: sink, stderr: sink };
  if (program === 'npx' && args[0] === 'rxjs-retry-on-conflict') {
    return { code: runCommand(args.slice(1), io), text };
  }
  if (program === 'npm' && args[0] === 'run' && args[1] === 'plan') {
    const rest = args[2] === '--' ? args.slice(3) : args.slice(2);
    return { code: runCommand(['plan', ...rest], io), text };
  }
  if (program === 'npm' && args[0] === 'run' && args[1] === 'demo' && args[2] === '--') {
    // Only commands that end before the lab runs: help, version and usage errors.
    const demoArgs = args.slice(3);
    let runsLab: boolean;
    try {
      const options = parseDemoFlags(demoArgs);
      runsLab = !options.help && !options.version;
    } catch {
      runsLab = false; // a usage error: the lab never starts
    }
    if (runsLab) return undefined;
    return { code: await runLab(demoArgs, io), text };
  }
  return undefined;
}

/** `npm run X …`, `npx rxjs-retry-on-conflict …` as written in inline code in a page. */
function inlineCommands(file: string): { command: string; line: number }[] {
  return readRepoFile(file)
    .split('\n')
    .flatMap((text, index) =>
      [...text.matchAll(/`((?:npm run|npx rxjs-retry-on-conflict) [^`]*)`/g)].map((match) => ({
        command: match[1] ?? '',
        line: index + 1,
      })),
    );
}

const pages = markdownFiles();
const blocks = pages.flatMap((file) => markdownBlocks(file));
const transcripts = blocks.filter((block) => block.lang === 'text' && block.code.startsWith('$ '));
const shellLines = blocks
  .filter((block) => block.lang === 'sh' || block.lang === 'bash')
  .flatMap((block) =>
    block.code.split('\n').flatMap((text, index) => {
      const command = text.replace(/\s+#.*$/, '').trim();
      return command === '' || command.startsWith('#') ? [] : [{ block, index, command }];
    }),
  );
const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The commands .ci/run runs. */
const ciCommands = new Set(
  readRepoFile('.ci/run')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npm ')),
);

/**
 * Checks one command as the docs show it: `plan` runs and succeeds, the demo's flags parse, and
 * anything else is run by .ci/run or named in ELSEWHERE. Written inline in prose, `npm run X`
 * may just name a script: it must exist.
 */
async function checkCommand(command: string, at: string, inline: boolean): Promise<void> {
  const script = /^npm run ([\w:-]+)/.exec(command)?.[1];
  if (script !== undefined)
    expect(Object.keys(scripts)).withContext(`${at}: npm run ${script}`).toContain(script);
  const ran = await runInProcess(command);
  if (ran !== undefined) {
    expect(ran.code).withContext(`${at}: ${command}\n${ran.text}`).toBe(0);
    return;
  }
  if (command.startsWith('npm run demo -- ')) {
    expect(() => parseDemoFlags(command.slice('npm run demo -- '.length).trim().split(/\s+/)))
      .withContext(`${at}: ${command}`)
      .not.toThrow();
    return;
  }
  if (ciCommands.has(command) || ELSEWHERE[command] !== undefined) return;
  if (inline && script !== undefined && command === `npm run ${script}`) return;
  fail(`${at}: "${command}" is run neither here nor by .ci/run: add it to ELSEWHERE, saying where it runs`);
}

describe('shell commands in the docs', () => {
  it('should have transcripts (```text blocks that start with "$ ") to check', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(4);
  });

  for (const block of transcripts) {
    it(`${where(block)}: the transcript should be what the command prints`, async () => {
      const sessions = block.code.split(/^(?=\$ )/m);
      for (const session of sessions) {
        const [first = '', ...output] = session.replace(/\n$/, '').split('\n');
        const command = first.slice(2);
        const result = await runInProcess(command);
        if (result === undefined) return fail(`${where(block)}: "${command}" cannot run in-process`);
        expect(result.text.replace(/\n$/, ''))
          .withContext(`${where(block)}: $ ${command}`)
          .toBe(output.join('\n'));
      }
    });
  }

  for (const { block, index, command } of shellLines) {
    it(`${where(block, index)}: "${command}" should run, here or in .ci/run`, async () => {
      await checkCommand(command, where(block, index), false);
    });
  }

  for (const file of pages) {
    const commands = inlineCommands(file);
    if (commands.length === 0) continue;
    it(`${file}: the commands written inline should run, with scripts that exist and flags that parse`, async () => {
      for (const { command, line } of commands) await checkCommand(command, `${file}:${line}`, true);
    });
  }

  it('README.md should give `npm ci && npm run demo` as the demo and `npm ci && npm test` as the tests', () => {
    const readme = readRepoFile('README.md');
    expect(readme).toMatch(/The demo:\n\n```sh\nnpm ci && npm run demo\n```/);
    expect(readme).toMatch(/The tests:\n\n```sh\nnpm ci && npm test\n```/);
  });

  it("docs/demo.md should plan the demo's own backoff where it runs the demo and `plan` side by side", () => {
    const paragraphs = readRepoFile('docs/demo.md').split(/\n(?=- |\n)/);
    const pairs = paragraphs.flatMap((paragraph) => {
      const text = paragraph.replace(/\s+/g, ' ');
      const demo = /`npm run demo -- ([^`]*)`/.exec(text)?.[1];
      const plan = /`npm run plan -- ([^`]*)`/.exec(text)?.[1];
      return demo !== undefined && plan !== undefined ? [{ demo, plan }] : [];
    });
    expect(pairs.length).toBeGreaterThan(0);
    for (const { demo, plan } of pairs) {
      expect(parsePlanFlags(plan.split(' ')).backoff)
        .withContext(`npm run plan -- ${plan} beside npm run demo -- ${demo}`)
        .toEqual({ ...parseDemoFlags(demo.split(' ')).custom });
    }
  });
});
