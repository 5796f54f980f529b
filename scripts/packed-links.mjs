// Links in the files a package ships, checked where they are read: in node_modules/, or on the
// registry's page, where only what is in the tarball exists. A relative link must resolve to a
// file (or folder) in the tarball, and its #fragment to a heading of that page; a link to this
// repository on GitHub must name a file that git tracks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';

/** Where the package's links that leave the tarball point: its repository on GitHub. */
export const REPOSITORY_URL = 'https://github.com/rxjs-retry-on-conflict/rxjs-retry-on-conflict';

/** Every file under `folder`, as paths relative to it. */
function filesUnder(folder, at = '') {
  return readdirSync(join(folder, at), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(folder, join(at, entry.name)) : [join(at, entry.name)],
  );
}

/** The lines of a markdown page with fenced code blanked and inline code removed. */
function proseLines(text) {
  let fence;
  return text.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) {
      fence = marker;
      return '';
    }
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    return line.replace(/(`+)[\s\S]*?\1/g, '');
  });
}

/** Link and image targets of a markdown page (inline, reference definitions, HTML src and href). */
function linkTargets(text) {
  return proseLines(text).flatMap((line, index) =>
    [
      ...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
      ...line.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g),
      ...line.matchAll(/\b(?:src|href)="([^"]+)"/g),
    ].map((match) => ({ target: match[1], line: index + 1 })),
  );
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchors(text) {
  const seen = new Map();
  const anchors = new Set();
  for (const line of proseLines(text)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const plain = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(plain) ?? 0;
    seen.set(plain, count + 1);
    anchors.add(count === 0 ? plain : `${plain}-${count}`);
  }
  return anchors;
}

/**
 * The dead links in the package unpacked at `packageDir` (the tarball's `package/` folder): in
 * every markdown file, and in the comments of every `.d.ts` (what an editor shows). `tracked` is
 * the set of files git tracks, for links into the repository on GitHub.
 */
export function deadLinks(packageDir, tracked) {
  const files = filesUnder(packageDir).map((file) => file.replace(/\\/g, '/'));
  const pages = files.filter((file) => file.endsWith('.md'));
  const anchorsOf = new Map(
    pages.map((page) => [page, headingAnchors(readFileSync(join(packageDir, page), 'utf8'))]),
  );
  const problems = [];
  for (const file of files.filter((name) => name.endsWith('.md') || name.endsWith('.d.ts'))) {
    const text = readFileSync(join(packageDir, file), 'utf8');
    const links = file.endsWith('.md')
      ? linkTargets(text)
      : linkTargets(text).filter(({ target }) => !target.startsWith('#'));
    for (const { target, line } of links) {
      const at = `${file}:${line}`;
      if (target.startsWith(`${REPOSITORY_URL}/`)) {
        const path = /^\/(?:blob|tree)\/main\/([^#?]+)/.exec(target.slice(REPOSITORY_URL.length))?.[1];
        if (path !== undefined) {
          const wanted = decodeURIComponent(path).replace(/\/$/, '');
          const there = tracked.has(wanted) || [...tracked].some((name) => name.startsWith(`${wanted}/`));
          if (!there) problems.push(`${at}: ${target} names ${wanted}, which the repository does not have`);
        }
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [pathPart, fragment] = target.split('#', 2);
      const resolved =
        pathPart === ''
          ? file
          : normalize(join(dirname(file), decodeURIComponent(pathPart))).replace(/\\/g, '/');
      if (resolved.startsWith('..') || !existsSync(join(packageDir, resolved))) {
        problems.push(
          `${at}: ${target} is not in the package (link to ${REPOSITORY_URL}/blob/main/… instead)`,
        );
        continue;
      }
      const anchors = anchorsOf.get(resolved);
      if (fragment && anchors !== undefined && !anchors.has(decodeURIComponent(fragment))) {
        problems.push(`${at}: ${target}: ${resolved} has no heading #${fragment}`);
      }
    }
  }
  return problems;
}

/** Unpacks `tarball` into a temporary folder and returns {@link deadLinks} for it. */
export function deadLinksInTarball(tarball, tracked) {
  const folder = mkdtempSync(join(tmpdir(), 'rxjs-retry-on-conflict-links-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', folder]);
    return deadLinks(join(folder, 'package'), tracked);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
