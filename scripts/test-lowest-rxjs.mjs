// Runs `npm run test:unit` against the lowest RxJS that the peer range allows (for "^7.8.0",
// 7.8.0 exactly), so that a feature newer than the range's floor cannot slip in unnoticed.
//
// The specs, rxjs-marbles and fast-check all resolve `rxjs` from the root node_modules, and
// NODE_PATH does not override that; so the installed copy is moved aside, the lowest version is
// unpacked in its place, and the installed copy is put back afterwards, whatever happens (failure,
// Ctrl-C, or a run killed earlier: its copy is restored at the next start). Do not run it beside
// another test run in the same tree: that run would see the lower version too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = join(root, 'node_modules', 'rxjs');
const setAside = join(root, 'node_modules', '.rxjs-installed');

/** The floor of a caret, tilde or >= range: "^7.8.0" gives "7.8.0". */
function lowestOf(range) {
  const match = /^\s*(?:\^|~|>=)?\s*(\d+\.\d+\.\d+)\s*$/.exec(range);
  if (!match) throw new Error(`peerDependencies.rxjs must be a single ^, ~ or >= range, got "${range}"`);
  return match[1];
}

function versionAt(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

function restore() {
  if (!existsSync(setAside)) return;
  rmSync(installed, { recursive: true, force: true });
  renameSync(setAside, installed);
}

const { peerDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lowest = lowestOf(peerDependencies.rxjs);

restore(); // a run that was killed before it could put the installed copy back
const before = versionAt(installed);
const work = mkdtempSync(join(tmpdir(), 'lowest-rxjs-'));
let status;
const onSignal = (signal) => {
  restore();
  rmSync(work, { recursive: true, force: true });
  process.kill(process.pid, signal);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
try {
  const tarball = execFileSync(
    'npm',
    ['pack', `rxjs@${lowest}`, '--pack-destination', work, '--silent', '--ignore-scripts'],
    { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);

  renameSync(installed, setAside);
  renameSync(join(work, 'package'), installed);
  const resolved = execFileSync(
    process.execPath,
    ['-p', "require(require.resolve('rxjs/package.json', { paths: [process.cwd()] })).version"],
    { cwd: root, encoding: 'utf8' },
  ).trim();
  if (resolved !== lowest) throw new Error(`rxjs resolves to ${resolved}, expected ${lowest}`);

  console.log(
    `test:unit with rxjs ${resolved} (the peer range ${peerDependencies.rxjs}; installed: ${before})`,
  );
  status = spawnSync('npm', ['run', 'test:unit'], { cwd: root, stdio: 'inherit' }).status ?? 1;
} finally {
  restore();
  rmSync(work, { recursive: true, force: true });
  const after = versionAt(installed);
  if (after !== before) {
    console.error(`node_modules/rxjs is ${after} after the run, was ${before}`);
    status = 1;
  }
}
process.exitCode = status;
