import { type Backoff } from 'rxjs-retry-on-conflict';
import {
  BACKOFF_FLAG_OPTIONS,
  backoffFromFlags,
  checkBackoffFlags,
  parseFlags,
  UsageError,
} from '../src/cli/backoff-flags.js';
import { integerFlag } from '../src/cli/integer-flag.js';

/** What a demo run is asked to do. */
export interface DemoOptions {
  /** Concurrent writers, each incrementing the one shared counter. */
  readonly writers: number;
  /** Increments each writer makes, one after another. */
  readonly increments: number;
  /** The backoff given on the command line, run beside `DefaultRetry` and `DefaultBackoff`. */
  readonly custom: Backoff;
  /** Requests a second the throttle admits in the throttled scenario. */
  readonly admitPerSecond: number;
  /** Folder for `timeline.svg` and `summary.json`; undefined: a new one under `demo-output/`. */
  readonly outDir: string | undefined;
  /** Whether to draw a live progress bar (only when the terminal is a TTY). */
  readonly progress: boolean;
  /** Whether `--help` was asked for. */
  readonly help: boolean;
  /** Whether `--version` was asked for. */
  readonly version: boolean;
}

/**
 * The backoff of the third column when no backoff flag is given: patience enough for 20 writers on
 * one document. A jitter of 1 (each wait d anywhere from d to 2d) spreads the retries so that they
 * stop colliding, and the waits grow by 30% each time: 25 attempts, at worst 18 s of waiting in all
 * (`npm run plan -- --steps 25 --duration 5 --factor 1.3 --jitter 1` shows it), within common HTTP
 * timeouts. No cap: Go's cap would end the retries once it is reached.
 */
export const DEFAULT_CUSTOM_BACKOFF: Readonly<Backoff> = Object.freeze({
  steps: 25,
  duration: 5,
  factor: 1.3,
  jitter: 1,
  cap: 0,
});

export const DEMO_USAGE = `Usage: npm run demo -- [flags]

Runs N writers that each increment one shared CouchDB document M times (GET, +1, PUT with _rev)
under retryOnConflict, once with DefaultRetry, once with DefaultBackoff and once with the backoff
given by the flags below, against an in-process CouchDB-compatible server on 127.0.0.1. Then the
same writers, under the same backoff, go through a throttle that answers 429 with Retry-After
past so many requests a second: once ignoring the ask, once honouring it.

  --writers N      concurrent writers (default 20, 1..500)
  --increments M   increments per writer (default 10, 1..1000)
  --steps S        attempts per update, >= 1 (default ${DEFAULT_CUSTOM_BACKOFF.steps})
  --duration MS    first wait in ms (default ${DEFAULT_CUSTOM_BACKOFF.duration})
  --factor F       multiplier per wait, 0 = constant (default ${DEFAULT_CUSTOM_BACKOFF.factor})
  --jitter J       each wait d becomes d + random()*J*d, from d to (1+J)*d (default ${DEFAULT_CUSTOM_BACKOFF.jitter})
  --cap MS         0 = none (default ${DEFAULT_CUSTOM_BACKOFF.cap}). Not a limit on the wait: Go's rule is that once
                   duration*factor passes it, one more wait is made and then the retries end
  --admit R        requests a second the throttle admits (default 100, 1..10000)
  --out DIR        output folder for timeline.svg and summary.json (default demo-output/<time>)
  --no-progress    plain progress lines even on a terminal
  -h, --help       this text
  -v, --version    the version of rxjs-retry-on-conflict
`;

/**
 * Reads the demo's command line. Throws a {@link UsageError} naming the flag for an unknown flag,
 * a missing value, a number out of range or a backoff the library would reject.
 */
export function parseDemoFlags(argv: readonly string[]): DemoOptions {
  const values = parseFlags(argv, {
    writers: { type: 'string' },
    increments: { type: 'string' },
    admit: { type: 'string' },
    ...BACKOFF_FLAG_OPTIONS,
    out: { type: 'string' },
    'no-progress': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  const custom = backoffFromFlags(values, DEFAULT_CUSTOM_BACKOFF);
  // The operator's own check, naming the flag to change, so the demo accepts exactly the backoffs
  // retryOnConflict does.
  checkBackoffFlags(custom);
  if (values.out === '') throw new UsageError('--out must name a folder, got ""');
  return {
    writers: integerFlag('writers', values.writers, 20, 1, 500),
    increments: integerFlag('increments', values.increments, 10, 1, 1000),
    custom,
    admitPerSecond: integerFlag('admit', values.admit, 100, 1, 10_000),
    outDir: values.out,
    progress: values['no-progress'] !== true,
    help: values.help === true,
    version: values.version === true,
  };
}
