// A fresh clone of this repository's committed HEAD, installed with `npm ci` and packed with
// `npm pack`, lifecycle scripts included: the tarball a release would publish, made the way a
// maintainer or CI machine makes it, with nothing from this working tree's dist/ or node_modules/.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const run = (command, args, cwd) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });

/** Runs npm in `cwd`; returns its stdout and stderr, and throws with both if it fails. */
export function npm(args, cwd) {
  const { status, stdout, stderr, error } = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (error !== undefined || status !== 0) {
    throw new Error(
      `npm ${args.join(' ')} failed (${error?.message ?? `exit ${status}`}):\n${stderr}${stdout}`,
    );
  }
  return { stdout, stderr };
}

/** Files tracked by git in `repo`, as repository paths. */
export function trackedFiles(repo = '.') {
  return new Set(run('git', ['ls-files'], repo).split('\n').filter(Boolean));
}

/**
 * Clones the committed HEAD of the repository at `repo` into `folder`/repo and runs `npm ci` there
 * (the packages come from npm's cache when it has them). Says so on stderr when the working tree
 * has changes that the clone leaves out.
 */
export function freshClone(folder, repo = '.') {
  const clone = join(folder, 'repo');
  const changes = run('git', ['status', '--porcelain'], repo).trim();
  if (changes !== '') {
    console.error('fresh clone: uncommitted changes in the working tree are not in the clone:');
    console.error(changes.replace(/^/gm, '  '));
  }
  run('git', ['clone', '--quiet', '--no-hardlinks', resolve(repo), clone]);
  console.log(`fresh clone of ${run('git', ['rev-parse', '--short', 'HEAD'], clone).trim()} in ${clone}`);
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], clone);
  return clone;
}

/**
 * `npm pack` in `clone` (its `prepack` builds dist/) into `folder`. Returns the tarball's path and
 * the packed file list, and npm's stderr, where it reports what it had to correct.
 */
export function packClone(clone, folder) {
  const { stdout, stderr } = npm(['pack', '--json', '--pack-destination', folder], clone);
  const [{ filename, files }] = JSON.parse(stdout);
  return { tarball: join(folder, filename), files: files.map((file) => file.path).sort(), stderr };
}

/** The package.json of `clone`. */
export function manifestOf(clone) {
  return JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
}
