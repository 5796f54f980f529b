import type { Backoff } from '../backoff/backoff.js';
import { formatMs } from '../plan/format-ms.js';
import { BACKOFF_FLAG_OPTIONS, numberFlag, parseFlags, UsageError } from './backoff-flags.js';
import { integerFlag } from './integer-flag.js';
import { planFor } from './plan-command.js';
import { backoffFromPresetFlags, PRESET_FLAG_OPTION } from './preset-flag.js';
import { summarizeRuns, type ContentionSummary } from './simulate/contention-summary.js';
import type { NetworkModel } from './simulate/modelled-store.js';
import { simulateContention } from './simulate/simulate-contention.js';
import { formatTextTable } from './text-table.js';

/**
 * The most writers, updates per writer, updates in all (writers × updates), runs and steps `simulate`
 * takes: the sizes it was measured at (10,000 writers in seconds, a few hundred MB), bounded in time.
 */
const LIMITS = { writers: 10_000, updates: 1000, updatesInAll: 100_000, runs: 100, steps: 1000 } as const;

/**
 * The help text of `simulate`.
 *
 * @example
 * ```ts
 * SIMULATE_USAGE.startsWith('Usage: rxjs-retry-on-conflict simulate'); // true
 * ```
 */
export const SIMULATE_USAGE = `Usage: rxjs-retry-on-conflict simulate [--writers N] [--updates M] [--preset NAME] [--steps N]
                                       [--duration MS] [--factor F] [--jitter J] [--cap MS]
                                       [--delay MS] [--delay-sd MS] [--read-ms MS] [--write-ms MS]
                                       [--runs R] [--seed S] [--json]

Estimates, with a model, what a backoff does when N writers update one document at once: the share
of updates that land, the give-ups, the requests per update (the load retries add) and the latency.
Each writer is retryOnConflict itself, run on a virtual clock against a modelled store.

  --writers N      writers, all starting at once, 1 to ${LIMITS.writers} (default 100)
  --updates M      updates each writer makes in turn, 1 to ${LIMITS.updates} (default 1);
                   writers × updates at most ${LIMITS.updatesInAll}
  --preset NAME    start from DefaultRetry (default) or DefaultBackoff; flags override its fields
  --steps N        most attempts, an integer from 1 to ${LIMITS.steps}
  --duration MS    first wait in milliseconds
  --factor F       multiplier per wait; 0 keeps the duration
  --jitter J       each wait d becomes d + random()*J*d; 0 = none
  --cap MS         cap on the duration; 0 = none. Go's rule: reaching it ends the retries
  --delay MS       mean one-way network delay (default 10); each way draws |Normal(delay, sd)|
  --delay-sd MS    its standard deviation (default 2)
  --read-ms MS     server time per read (default 0); the server serves one request at a time
  --write-ms MS    server time per write (default 0)
  --runs R         seeded runs to add up, 1 to ${LIMITS.runs} (default 5)
  --seed S         seed of the first run, an integer (default 1); run k uses S + k - 1
  --json           print the figures as JSON
  -h, --help       this text

The defaults are the network of the AWS Architecture Blog's backoff simulator. See
docs/contention-model.md for what the model leaves out and how it compares with a real server.

Exit status: 0 for an estimate, 2 for a usage error.
`;

/**
 * What `simulate` was asked for.
 *
 * @example
 * ```ts
 * parseSimulateFlags(['--writers', '1000']).writers; // 1000
 * ```
 */
export interface SimulateRequest {
  readonly writers: number;
  readonly updatesPerWriter: number;
  readonly backoff: Backoff;
  readonly network: NetworkModel;
  readonly runs: number;
  readonly seed: number;
  readonly json: boolean;
  readonly help: boolean;
}

/**
 * Reads `simulate`'s flags. Throws a {@link UsageError} naming the flag for an unknown flag, a value
 * that is not a number or out of its range, an unknown preset, or a backoff the library rejects.
 *
 * @example
 * ```ts
 * parseSimulateFlags(['--preset', 'DefaultBackoff', '--jitter', '1']).backoff; // { ...DefaultBackoff, jitter: 1, cap: 0 }
 * parseSimulateFlags(['--writers', '0']); // throws UsageError: --writers must be an integer from 1 to 10000, got "0"
 * ```
 */
export function parseSimulateFlags(argv: readonly string[]): SimulateRequest {
  const values = parseFlags(argv, {
    writers: { type: 'string' },
    updates: { type: 'string' },
    ...PRESET_FLAG_OPTION,
    ...BACKOFF_FLAG_OPTIONS,
    delay: { type: 'string' },
    'delay-sd': { type: 'string' },
    'read-ms': { type: 'string' },
    'write-ms': { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const backoff = backoffFromPresetFlags(values, LIMITS.steps, 'a simulation');
  planFor(backoff); // the library's rules, as usage errors naming the flag
  const writers = integerFlag('writers', values.writers, 100, 1, LIMITS.writers);
  const updatesPerWriter = integerFlag('updates', values.updates, 1, 1, LIMITS.updates);
  if (writers * updatesPerWriter > LIMITS.updatesInAll) {
    throw new UsageError(
      `--writers × --updates must be at most ${LIMITS.updatesInAll}, got ${writers} × ${updatesPerWriter}`,
    );
  }
  return {
    writers,
    updatesPerWriter,
    backoff,
    network: {
      delayMeanMs: millisecondsFlag('delay', values.delay, 10),
      delaySdMs: millisecondsFlag('delay-sd', values['delay-sd'], 2),
      readServiceMs: millisecondsFlag('read-ms', values['read-ms'], 0),
      writeServiceMs: millisecondsFlag('write-ms', values['write-ms'], 0),
    },
    runs: integerFlag('runs', values.runs, 5, 1, LIMITS.runs),
    seed: integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1),
    json: values.json === true,
    help: values.help === true,
  };
}

/** A time flag: finite and >= 0, and below an hour, past which a network is not what is modelled. */
function millisecondsFlag(name: string, text: string | undefined, fallback: number): number {
  const value = numberFlag(name, text) ?? fallback;
  if (!(value >= 0 && value <= 3_600_000)) {
    throw new UsageError(
      `--${name} must be a number of milliseconds from 0 to 3600000, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * The estimate for a request: `runs` seeded simulations, added up.
 *
 * @example
 * ```ts
 * const summary = simulateRequest(parseSimulateFlags(['--writers', '2', '--runs', '1']));
 * summary.updates; // 2
 * ```
 */
export function simulateRequest(request: SimulateRequest): ContentionSummary {
  const results = Array.from({ length: request.runs }, (_, run) =>
    simulateContention({
      writers: request.writers,
      updatesPerWriter: request.updatesPerWriter,
      retry: { backoff: request.backoff },
      network: request.network,
      seed: request.seed + run,
    }),
  );
  return summarizeRuns(results);
}

/**
 * Lays an estimate out for a terminal, with the model's assumptions above the figures.
 *
 * @example
 * ```ts
 * const request = parseSimulateFlags(['--writers', '2', '--runs', '1']);
 * formatSimulation(request, simulateRequest(request)).startsWith('Model:'); // true
 * ```
 */
export function formatSimulation(request: SimulateRequest, summary: ContentionSummary): string {
  const { backoff, network } = request;
  const percent = (share: number): string => `${(100 * share).toFixed(1)} %`;
  const perWriter =
    request.updatesPerWriter === 1 ? '1 update' : `${request.updatesPerWriter} updates in turn`;
  const rows = [
    ['updates that land', percent(summary.landedShare), `${summary.done} of ${summary.updates}`],
    ['give-ups', percent(summary.giveUpShare), 'the writer gets the last 409'],
    ['requests per update', summary.requestsPerUpdate.toFixed(2), '2.00 = one read and one write, no retry'],
    ['conflicts per update', (summary.conflicts / summary.updates).toFixed(2), ''],
    ['latency p50', formatMs(round(summary.latencyMs.p50)), 'first read to accepted write, landed updates'],
    ['latency p99', formatMs(round(summary.latencyMs.p99)), ''],
    ['most attempts', String(summary.maxAttempts), `of ${backoff.steps} allowed`],
    ['all settled after', formatMs(round(summary.meanCompletionMs)), 'mean over the runs'],
  ];
  return [
    `Model: ${request.writers} writers start at once on one document, ${perWriter} each: read, then`,
    `write if the revision is unchanged, retried by retryOnConflict on a conflict.`,
    `Backoff: steps ${backoff.steps}, duration ${backoff.duration} ms, factor ${backoff.factor}, ` +
      `jitter ${backoff.jitter}, cap ${backoff.cap ? `${backoff.cap} ms` : 'none'}`,
    `Network: |Normal(${network.delayMeanMs} ms, ${network.delaySdMs} ms)| each way; server ` +
      `${network.readServiceMs} ms per read, ${network.writeServiceMs} ms per write, one at a time`,
    `Runs: ${summary.runs} (seeds ${request.seed}..${request.seed + summary.runs - 1}), added up`,
    '',
    formatTextTable(alignFiguresRight(rows)),
    '',
    'A model, not a measurement: no other load, no timeouts, no failures but conflicts, every',
    'writer starting at the same instant. Use it to compare backoffs, not to size a server.',
    '',
  ].join('\n');
}

/** The figures (second column) padded to one width, so that they line up on the right. */
function alignFiguresRight(rows: readonly (readonly string[])[]): string[][] {
  const width = Math.max(...rows.map(([, figure = '']) => figure.length));
  return rows.map(([label = '', figure = '', note = '']) => [label, figure.padStart(width), note]);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * Runs `simulate` with `argv` (the flags after the command name), writing to `out`. Returns 0;
 * throws a {@link UsageError} for a command line that cannot be run.
 *
 * @example
 * ```ts
 * let out = '';
 * runSimulateCommand(['--writers', '3', '--runs', '1', '--json'], { write: (text: string) => (out += text) }); // 0
 * JSON.parse(out).summary.updates; // 3
 * ```
 */
export function runSimulateCommand(argv: readonly string[], out: { write(text: string): unknown }): number {
  const request = parseSimulateFlags(argv);
  if (request.help) {
    out.write(SIMULATE_USAGE);
    return 0;
  }
  const summary = simulateRequest(request);
  if (request.json) {
    const { help: _help, json: _json, ...asked } = request;
    out.write(`${JSON.stringify({ model: asked, summary }, null, 2)}\n`);
  } else {
    out.write(formatSimulation(request, summary));
  }
  return 0;
}
