import { accessSync, constants, mkdirSync } from 'node:fs';
import { UsageError } from '../src/cli/backoff-flags.js';

/**
 * Makes the demo's output folder (and its parents) and checks that it can be written to, before the
 * lab starts: a folder that cannot be made is a usage error found in a moment, not after the whole
 * run. `fromFlag` says whether the path came from `--out`, for the message.
 */
export function prepareOutDir(dir: string, fromFlag: boolean): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a part of the path is a file'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'no permission to write there'
          : String((error as Error | null)?.message ?? error);
    throw new UsageError(
      fromFlag
        ? `--out must name a folder that can be created and written to, got ${JSON.stringify(dir)}: ${why}`
        : `the output folder ${JSON.stringify(dir)} cannot be created and written to (${why}); name another with --out`,
    );
  }
}
