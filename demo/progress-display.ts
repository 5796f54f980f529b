import type { LabProgress } from './contention-lab.js';
import { count } from './count.js';

/** Where progress goes: a TTY gets a live bar, anything else a few plain lines. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Shows one run's progress: `update` as updates settle, `finish` once at the end. */
export interface ProgressDisplay {
  update(progress: LabProgress): void;
  finish(progress: LabProgress, wallMs: number): void;
}

const BAR_WIDTH = 30;
/** A redraw at most this often: a terminal is not faster than the eye. */
const REDRAW_MS = 50;

/** A progress display for one labelled run. */
export function createProgressDisplay(stream: ProgressStream, label: string, live: boolean): ProgressDisplay {
  return live && stream.isTTY === true ? liveBar(stream, label) : plainLines(stream, label);
}

function counts({ settled, total, conflicts, giveUps }: LabProgress): string {
  return `${settled}/${total} settled, ${count(conflicts, 'conflict')}, ${count(giveUps, 'give-up')}`;
}

function liveBar(stream: ProgressStream, label: string): ProgressDisplay {
  let lastDraw = -Infinity;
  const draw = (progress: LabProgress): void => {
    const filled =
      progress.total === 0 ? BAR_WIDTH : Math.round((progress.settled / progress.total) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    // \r and "erase line" rewrite the same line in place.
    stream.write(`\r\x1b[2K${label.padEnd(14)} ${bar} ${counts(progress)}`);
  };
  return {
    update(progress) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && progress.settled < progress.total) return;
      lastDraw = now;
      draw(progress);
    },
    finish(progress, wallMs) {
      draw(progress);
      stream.write(` in ${(wallMs / 1000).toFixed(2)}s\n`);
    },
  };
}

function plainLines(stream: ProgressStream, label: string): ProgressDisplay {
  let lastQuarter = -1;
  return {
    update(progress) {
      const quarter = progress.total === 0 ? 4 : Math.floor((progress.settled / progress.total) * 4);
      // One line when the run starts and one at each quarter: readable in a log.
      if (quarter === lastQuarter || quarter === 4) return;
      lastQuarter = quarter;
      stream.write(`${label}: ${quarter * 25}% (${counts(progress)})\n`);
    },
    finish(progress, wallMs) {
      stream.write(`${label}: done (${counts(progress)}) in ${(wallMs / 1000).toFixed(2)}s\n`);
    },
  };
}
