import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTypeScript } from './run-node.js';
import { PROCESS_SPEC_TIMEOUT_MS, suiteTimeout } from './time-limits.js';

/** Whether a process with this pid still exists (signal 0 only asks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `pid` is gone; the spec's timeout bounds the wait. */
async function gone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function pidWrittenTo(file: string): Promise<number> {
  for (;;) {
    try {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid > 0) return pid;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('runTypeScript', () => {
  suiteTimeout(PROCESS_SPEC_TIMEOUT_MS);

  let dir: string;
  /** A script that writes its pid to the file named by its argument, then idles for two minutes. */
  let idler: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'run-node-'));
    idler = join(dir, 'idler.mjs');
    writeFileSync(
      idler,
      "import { writeFileSync } from 'node:fs';\n" +
        'writeFileSync(process.argv[2], String(process.pid));\n' +
        'setTimeout(() => {}, 120_000);\n',
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should give the exit code and both outputs of the process', async () => {
    const script = join(dir, 'speaks.mjs');
    writeFileSync(script, "console.log('out'); console.error('err'); process.exitCode = 3;\n");

    expect(await runTypeScript(script, [])).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('should end a child that outlives its time limit, and say so with the command', async () => {
    const pidFile = join(dir, 'timed-out.pid');
    const run = runTypeScript(idler, [pidFile], 3_000);
    const pid = await pidWrittenTo(pidFile);

    await expectAsync(run).toBeRejectedWithError(/idler\.mjs .*timed-out\.pid did not finish within 3000 ms/);
    await gone(pid);
    expect(isAlive(pid)).toBeFalse();
  });

  describe('a child still running when the spec that started it ends', () => {
    const pidFile = (): string => join(dir, 'abandoned.pid');
    let abandoned: number | undefined;
    let settled = false;

    it('should be ended after the spec, its promise left pending (checked in afterAll)', async () => {
      runTypeScript(idler, [pidFile()]).then(
        () => (settled = true),
        () => (settled = true),
      );
      abandoned = await pidWrittenTo(pidFile());

      expect(isAlive(abandoned)).toBeTrue();
    });

    // afterAll runs after every afterEach, runTypeScript's own included.
    afterAll(async () => {
      expect(abandoned).withContext('the child was started').toBeDefined();
      if (abandoned !== undefined) await gone(abandoned);
      // Past the child's close event: a settled promise would have run its callbacks by now.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(settled).withContext('the promise of an abandoned child settled').toBeFalse();
    });
  });
});
