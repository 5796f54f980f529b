import { execFile } from 'node:child_process';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/run-node.js';
import { markdownFiles, readRepoFile, sourceFiles } from './doc-blocks.js';

const run = promisify(execFile);
/** The child's own limit; jasmine waits longer, so that a slow `npm pack` is killed, not left behind. */
const CHILD_LIMIT_MS = 30_000;

/** Relative link and image targets of a markdown page, resolved to repository paths. */
function relativeLinks(file: string): { target: string; line: number }[] {
  let inCode = false;
  const lines = readRepoFile(file)
    .split('\n')
    .map((line) => {
      const fence = /^\s*```/.test(line);
      if (fence) inCode = !inCode;
      return inCode || fence ? '' : line;
    });
  return lines.flatMap((line, index) =>
    [...line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((match) => (match[1] ?? '').replace(/#.*$/, ''))
      .filter((target) => target !== '' && !/^[a-z]+:/i.test(target))
      .map((target) => ({
        target: normalize(join(dirname(file), decodeURIComponent(target))).replace(/\\/g, '/'),
        line: index + 1,
      })),
  );
}

describe('links in the docs', () => {
  it(
    'should point every relative link and image of README.md and docs/*.md at a file in the repository',
    async () => {
      // Files tracked or about to be, never ignored ones: docs/api/ is generated, and not there in a clone.
      const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
        cwd: REPO_ROOT,
        timeout: CHILD_LIMIT_MS,
      });
      const files = stdout.split('\n');
      const tracked = new Set(files);
      // A folder (`examples/angular-app/`) is there when a file under it is.
      const folders = new Set(
        files.flatMap((file) =>
          file
            .split('/')
            .slice(0, -1)
            .map((_, at, parts) => parts.slice(0, at + 1).join('/')),
        ),
      );
      for (const page of markdownFiles()) {
        for (const { target, line } of relativeLinks(page)) {
          const folder = target.replace(/\/$/, '');
          expect(tracked.has(target) || (target.endsWith('/') && folders.has(folder)))
            .withContext(`${page}:${line} links to ${target}`)
            .toBeTrue();
        }
      }
    },
    CHILD_LIMIT_MS + 15_000,
  );

  it(
    'should ship in the package every file that README.md links to and that the TSDoc names',
    async () => {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: REPO_ROOT,
        timeout: CHILD_LIMIT_MS,
      });
      const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
      const shipped = new Set(pack.files.map((file) => file.path));
      const named = [
        ...relativeLinks('README.md').map(({ target, line }) => ({ target, at: `README.md:${line}` })),
        ...sourceFiles().flatMap((file) =>
          readRepoFile(file)
            .split('\n')
            .flatMap((text, index) =>
              [...text.matchAll(/\bdocs\/[\w./-]+\.(?:md|svg)\b/g)].map((match) => ({
                target: match[0],
                at: `${file}:${index + 1}`,
              })),
            ),
        ),
      ];
      expect(named.length).toBeGreaterThan(5);
      for (const { target, at } of named) {
        expect(shipped.has(target)).withContext(`${at} names ${target}`).toBeTrue();
      }
    },
    CHILD_LIMIT_MS + 15_000,
  );
});
