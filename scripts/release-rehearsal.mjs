// Release rehearsal: what `npm publish` would do, from a fresh clone of the committed HEAD, short of
// uploading. Clones and installs (`npm ci`), packs (`prepack` builds dist/), runs
// `npm publish --dry-run` and checks that it reports the same files as the pack, that npm had
// nothing in package.json to correct or drop, and that the file list is the package's and nothing
// else; then checks the links of the packed pages and runs the consumer smoke test on the tarball.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerSmoke } from './consumer-smoke.mjs';
import { freshClone, manifestOf, npm, packClone, trackedFiles } from './fresh-clone.mjs';
import { deadLinksInTarball } from './packed-links.mjs';

/** What the package may ship, and nothing else. */
const ALLOWED = [
  /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
  /^angular\/package\.json$/,
  /^bin\/rxjs-retry-on-conflict\.js$/,
  /^dist\/(esm|cjs)\/package\.json$/,
  /^dist\/(esm|cjs)\/[\w/-]+\.(js|js\.map|d\.ts)$/,
  /^docs\/[\w-]+\.md$/,
  /^docs\/images\/[\w-]+\.(svg|png)$/,
];

/**
 * npm's warnings in `stderr` (package.json corrected or dropped, a missing file), but not that a
 * dry run has no login.
 */
const npmWarnings = (stderr) =>
  stderr
    .split('\n')
    .filter((line) => /^npm warn/i.test(line) && !/requires you to be logged in/.test(line))
    .join('\n');

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

/** The file paths a package.json's `main`, `module`, `types`, `bin` and `exports` name. */
function entryFiles(manifest) {
  const paths = [];
  const walk = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.exports]);
  return paths.filter((path) => path !== undefined).map((path) => path.replace(/^\.\//, ''));
}

const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-release-'));
try {
  const clone = freshClone(folder);
  const packed = packClone(clone, folder);
  console.log(`npm pack: ${packed.files.length} files`);
  check(npmWarnings(packed.stderr) === '', `npm pack warned:\n${npmWarnings(packed.stderr)}`);

  const publish = npm(['publish', '--dry-run', '--json'], clone);
  const report = JSON.parse(publish.stdout);
  const published = (report.files ?? Object.values(report)[0].files).map((file) => file.path).sort();
  console.log(`npm publish --dry-run: ${published.length} files`);
  check(npmWarnings(publish.stderr) === '', `npm publish --dry-run warned:\n${npmWarnings(publish.stderr)}`);
  check(
    JSON.stringify(published) === JSON.stringify(packed.files),
    `npm publish --dry-run and npm pack list different files:\n  publish only: ${published
      .filter((file) => !packed.files.includes(file))
      .join(', ')}\n  pack only: ${packed.files.filter((file) => !published.includes(file)).join(', ')}`,
  );

  for (const file of published) {
    check(
      ALLOWED.some((pattern) => pattern.test(file)),
      `${file} is published but is not part of the package`,
    );
  }
  const tracked = trackedFiles(clone);
  const wanted = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'dist/esm/package.json',
    'dist/cjs/package.json',
    ...entryFiles(manifestOf(clone)),
    ...[...tracked].filter((file) => /^docs\/[\w-]+\.md$|^docs\/images\/[\w-]+\.(svg|png)$/.test(file)),
  ];
  for (const file of new Set(wanted)) check(published.includes(file), `${file} is not published`);
  const built = (kind) =>
    readdirSync(join(clone, 'dist', kind), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join('dist', kind, entry.parentPath.slice(join(clone, 'dist', kind).length), entry.name),
      );
  for (const file of [...built('esm'), ...built('cjs')]) {
    check(published.includes(file.replace(/\\/g, '/')), `${file} was built but is not published`);
  }

  const dead = deadLinksInTarball(packed.tarball, tracked);
  for (const problem of dead) check(false, `dead link: ${problem}`);
  console.log(`links in the packed pages: ${dead.length === 0 ? 'all resolve' : `${dead.length} dead`}`);

  if (failures.length === 0) consumerSmoke(packed.tarball, join(clone, 'node_modules'));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`release rehearsal: ${failures.length} problem${failures.length === 1 ? '' : 's'}:`);
  for (const failure of failures) console.error(`- ${failure}`);
  process.exit(1);
}
console.log('release rehearsal: passed (nothing was published)');
