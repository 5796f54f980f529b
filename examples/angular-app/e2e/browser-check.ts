// The production build of the example app in headless Chromium, against a CouchDB-protocol server
// (express-pouchdb over in-memory PouchDB) on 127.0.0.1. Checks what a user of the app would see:
// 20 concurrent increments all land with the app's policy (none lost, conflicts at the server);
// a counter that always answers 409 ends in one HttpErrorResponse 409 after the policy's 20
// attempts; a 500 is not retried; the page throws nothing. Prints the figures it measured; with
// --docs, also writes them into docs/angular.md (the `angular:browser-check` block).
//
// Run from the repository root after `ng build` in examples/angular-app:
//   tsx examples/angular-app/e2e/browser-check.ts [--screenshot docs/images/angular-app.png] [--rounds N] [--docs]
// Chromium: $CHROMIUM, or `chromium` on the PATH (Debian's package). Playwright's own browser
// downloads are not used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startCouchServer, type CouchServer } from '../../../dev-support/servers/couch-server.js';
import { writeMarkedBlocks } from '../../../scripts/marked-blocks.mjs';
import { startAppServer, type AppServer } from './app-server.js';

const CLIENTS = 20;
/** The app's policy: COUNTER_RETRY_POLICY in src/app/retry-policy.ts. */
const POLICY_STEPS = 20;
/** Everything together must be over by then; a hang fails the check instead of CI. */
const TIME_LIMIT_MS = 180_000;
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values: flags } = parseArgs({
  options: {
    screenshot: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    docs: { type: 'boolean', default: false },
  },
});
const rounds = Number(flags.rounds);
const appFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'angular-app', 'browser');

interface RaceFigures {
  readonly landed: number;
  readonly gaveUp: number;
  readonly counter: number;
  readonly retries: number;
  readonly milliseconds: number;
  readonly conflictsAtServer: number;
}

function chromiumPath(): string {
  if (process.env['CHROMIUM']) return process.env['CHROMIUM'];
  return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
}

async function clickAndRead(page: Page, section: string): Promise<string> {
  const main = page.locator('main');
  const finishedRuns = Number(await main.getAttribute('data-finished-runs'));
  await page.locator(`[data-test="${section}"] button`).click();
  await page.locator(`main[data-finished-runs="${finishedRuns + 1}"]`).waitFor({ timeout: 60_000 });
  const text = await page.locator(`[data-test="${section}"] .result`).textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function parseRace(text: string): RaceFigures {
  const match = /landed (\d+)\/\d+, gave up (\d+), counter (\d+), retries (\d+), (\d+) ms/.exec(text);
  assert.ok(match, `unexpected race result: ${text}`);
  const [landed, gaveUp, counter, retries, milliseconds] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { landed, gaveUp, counter, retries, milliseconds, conflictsAtServer: 0 };
}

async function createCounter(couch: CouchServer, id: string): Promise<void> {
  const response = await fetch(`${couch.url}/counters/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 0 }),
  });
  assert.equal(response.status, 201, `creating counter ${id}`);
}

/** Runs `rounds` races in one section; checks that every landed increment is counted, none lost. */
async function race(
  page: Page,
  couch: CouchServer,
  section: 'race' | 'race-default',
): Promise<RaceFigures[]> {
  const figures: RaceFigures[] = [];
  let counterBefore = 0;
  for (let round = 0; round < rounds; round++) {
    const conflictsBefore = couch.stats.conflicts;
    const run = parseRace(await clickAndRead(page, section));
    const conflicts = couch.stats.conflicts - conflictsBefore;
    assert.equal(run.landed + run.gaveUp, CLIENTS, `${section}: every increment ends`);
    assert.equal(run.counter - counterBefore, run.landed, `${section}: a landed increment was lost`);
    // Each 409 at the server is either retried (onRetry) or, after the last attempt, given up.
    assert.equal(run.retries + run.gaveUp, conflicts, `${section}: the server's 409s and the page's differ`);
    counterBefore = run.counter;
    figures.push({ ...run, conflictsAtServer: conflicts });
    console.log(`${section} round ${round + 1}: ${JSON.stringify({ ...run, conflictsAtServer: conflicts })}`);
  }
  return figures;
}

function chromiumVersion(): string {
  const version = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' });
  return /(\d+)\.\d/.exec(version)?.[1] ?? version.trim();
}

/** The races as docs/angular.md shows them: one row per policy, each figure over all rounds. */
function browserCheckTable(withDefaultRetry: RaceFigures[], withPolicy: RaceFigures[], chromium: string): string {
  const range = (runs: RaceFigures[], pick: (run: RaceFigures) => number, format: (n: number) => string = String) => {
    const values = runs.map(pick);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return low === high ? format(low) : `${format(low)} to ${format(high)}`;
  };
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const row = (policy: string, runs: RaceFigures[]) => {
    const gaveUp = runs.reduce((total, run) => total + run.gaveUp, 0);
    return (
      `| ${policy} | ${runs.reduce((total, run) => total + run.landed, 0)}/${runs.length * CLIENTS} | ` +
      `${gaveUp === 0 ? '0' : `${gaveUp} (${range(runs, (run) => run.gaveUp)} per round)`} | ` +
      `${range(runs, (run) => run.conflictsAtServer)} | ${range(runs, (run) => run.milliseconds, seconds)} s |`
    );
  };
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus()[0]?.model.trim() ?? 'an unknown CPU'}, ${availableParallelism()} cores`;
  return [
    `Written by \`npm run test:angular -- --rounds ${rounds} --docs\` on ${date}: ${rounds} rounds of ${CLIENTS} ` +
      `concurrent increments from one page in headless Chromium ${chromium}, express-pouchdb on 127.0.0.1, on ${machine}:`,
    '',
    '| policy | increments landed | gave up (a 409 to the caller) | 409s at the server per round | one round of 20 |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('`DefaultRetry` (`retryOnConflict()`)', withDefaultRetry),
    row("the app's: `{ steps: 20, duration: 5, factor: 1.2, jitter: 1 }`", withPolicy),
  ].join('\n');
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const timer = setTimeout(() => {
    console.error(`browser check: not done after ${TIME_LIMIT_MS} ms`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  try {
    const couch = await startCouchServer();
    cleanups.push(() => couch.close());
    assert.equal((await fetch(`${couch.url}/counters`, { method: 'PUT' })).status, 201);
    await createCounter(couch, 'race');
    await createCounter(couch, 'race-default');
    const app: AppServer = await startAppServer({ appFolder, couchUrl: couch.url });
    cleanups.push(() => app.close());

    const userDataDir = mkdtempSync(join(tmpdir(), 'angular-app-chromium-'));
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 900, height: 560 },
      timeout: 60_000,
    });
    cleanups.push(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(app.url, { timeout: 30_000 });
    await page.locator('h1').waitFor({ timeout: 30_000 });

    const withPolicy = await race(page, couch, 'race');
    for (const run of withPolicy) assert.equal(run.gaveUp, 0, 'the app policy gave up an increment');
    assert.ok(
      withPolicy.some((run) => run.retries > 0),
      'no conflict at all: the race did not race',
    );
    const withDefaultRetry = await race(page, couch, 'race-default');

    const conflictForever = await clickAndRead(page, 'conflict-forever');
    assert.equal(conflictForever, 'error: HttpErrorResponse 409');
    assert.deepEqual(app.testCounters['conflict-forever'], { gets: POLICY_STEPS, puts: POLICY_STEPS });
    console.log(`conflict-forever: "${conflictForever}" after ${POLICY_STEPS} GETs and ${POLICY_STEPS} PUTs`);

    const serverError = await clickAndRead(page, 'server-error');
    assert.equal(serverError, 'error: HttpErrorResponse 500');
    assert.deepEqual(app.testCounters['server-error'], { gets: 1, puts: 1 });
    console.log(`server-error: "${serverError}" after 1 GET and 1 PUT`);

    assert.deepEqual(pageErrors, [], 'errors thrown in the page');
    // Chromium reports each failed response on the console; those are the only errors allowed.
    const unexpected = consoleErrors.filter((text) => !/status of (409|500)/.test(text));
    assert.deepEqual(unexpected, [], 'console errors other than failed responses');
    const logged409 =
      consoleErrors.length - consoleErrors.filter((text) => /status of 500/.test(text)).length;
    console.log(`console: ${logged409} "409 (Conflict)" lines, 1 "500" line, no other error; no page error`);

    const sum = (runs: RaceFigures[], pick: (run: RaceFigures) => number) =>
      runs.reduce((total, run) => total + pick(run), 0);
    console.log(
      `summary: app policy ${sum(withPolicy, (run) => run.landed)}/${rounds * CLIENTS} landed; ` +
        `DefaultRetry ${sum(withDefaultRetry, (run) => run.landed)}/${rounds * CLIENTS} landed, ` +
        `${sum(withDefaultRetry, (run) => run.gaveUp)} gave up (each reported as a 409), 0 lost`,
    );

    if (flags.docs) {
      await writeMarkedBlocks('docs/angular.md', {
        'angular:browser-check': browserCheckTable(withDefaultRetry, withPolicy, chromiumVersion()),
      });
      console.log('wrote the figures into docs/angular.md');
    }
    if (flags.screenshot) {
      await page.screenshot({ path: flags.screenshot });
      console.log(`screenshot: ${flags.screenshot}`);
    }
    console.log('browser check: passed');
  } finally {
    clearTimeout(timer);
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

await main();
