import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/run-node.js';

/** A fenced code block of a page, or the code of a TSDoc `@example`. */
export interface DocBlock {
  /** The file, relative to the repository root, with forward slashes. */
  readonly file: string;
  /** The line of the file on which the block's first line of code stands, counting from 1. */
  readonly line: number;
  /** The fence's language: `ts`, `sh`, `text`, … */
  readonly lang: string;
  readonly code: string;
  /** The text of an `<!-- example: … -->` comment on the line before the fence, if there is one. */
  readonly marker: string | undefined;
}

/** `file:line`, as editors and terminals link it. */
export const where = (block: DocBlock, lineInBlock = 0): string =>
  `${block.file}:${block.line + lineInBlock}`;

/** README.md and every page of docs/, but not the generated API reference (docs/api/). */
export function markdownFiles(): string[] {
  const pages = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages.sort()];
}

/** Every .ts file under src/. */
export function sourceFiles(folder = 'src'): string[] {
  return readdirSync(join(REPO_ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

export const readRepoFile = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');

const FENCE = /^(\s*)```(\S*)\s*$/;
const MARKER = /^\s*<!--\s*example:\s*([\s\S]*?)\s*-->\s*$/;

/** The fenced code blocks of a markdown text, each with its language, lines and marker. */
export function markdownBlocks(file: string, text = readRepoFile(file)): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? '');
    if (open === null) continue;
    const indent = open[1] ?? '';
    const end = lines.findIndex((line, at) => at > index && line.trim() === '```');
    if (end === -1) throw new Error(`${file}:${index + 1}: a code fence that is never closed`);
    const previous = lines
      .slice(0, index)
      .reverse()
      .find((line) => line.trim() !== '');
    blocks.push({
      file,
      line: index + 2,
      lang: open[2] ?? '',
      code: lines
        .slice(index + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join('\n'),
      marker: MARKER.exec(previous ?? '')?.[1],
    });
    index = end;
  }
  return blocks;
}

/** The ```ts blocks under `@example` in the TSDoc comments of a source file. */
export function tsdocExamples(file: string, text = readRepoFile(file)): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  let inComment = false;
  let inExample = false;
  let code: string[] | undefined;
  let codeLine = 0;
  lines.forEach((raw, index) => {
    if (!inComment && /^\s*\/\*\*/.test(raw)) inComment = true;
    if (!inComment) return;
    const content = raw.replace(/^\s*\/?\*+\/?\s?/, '');
    if (code !== undefined) {
      if (content.trim() === '```') {
        blocks.push({ file, line: codeLine, lang: 'ts', code: code.join('\n'), marker: undefined });
        code = undefined;
      } else {
        code.push(content);
      }
    } else if (/^@example\b/.test(content.trim())) {
      inExample = true;
    } else if (/^@\w/.test(content.trim())) {
      inExample = false;
    } else if (inExample && /^```(ts|typescript)\s*$/.test(content.trim())) {
      code = [];
      codeLine = index + 2;
    }
    if (/\*\//.test(raw)) {
      inComment = false;
      inExample = false;
    }
  });
  return blocks;
}

/**
 * The file of the example Angular app that a ```ts block is an excerpt of, named by the block's
 * first line (`// examples/angular-app/src/app/counter.service.ts`); undefined for any other block.
 * Such blocks are compiled and run by the app's own build and `ng test`, not here, and
 * spec/docs/angular-doc.spec.ts holds each to be an exact excerpt of the file it names.
 */
export function appExcerptFile(block: DocBlock): string | undefined {
  if (block.lang !== 'ts' && block.lang !== 'typescript') return undefined;
  return /^\/\/ (examples\/angular-app\/\S+)$/.exec(block.code.split('\n', 1)[0] ?? '')?.[1];
}

/** The path of `file` relative to the repository root, with forward slashes. */
export const repoPath = (file: string): string => relative(REPO_ROOT, file).replace(/\\/g, '/');
