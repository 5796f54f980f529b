import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-node.js';
import { markdownFiles, readRepoFile, sourceFiles } from './doc-blocks.js';

/** Paragraphs of a page, outside code blocks, each with the line it starts on. */
function paragraphs(file: string): { text: string; line: number }[] {
  const lines = readRepoFile(file).split('\n');
  const found: { text: string; line: number }[] = [];
  let current: string[] = [];
  let start = 0;
  let inCode = false;
  lines.forEach((line, index) => {
    if (line.trim().startsWith('```')) inCode = !inCode;
    if (inCode || line.trim() === '' || line.trim().startsWith('```')) {
      if (current.length > 0) found.push({ text: current.join(' '), line: start + 1 });
      current = [];
      return;
    }
    if (current.length === 0) start = index;
    current.push(line.trim());
  });
  if (current.length > 0) found.push({ text: current.join(' '), line: start + 1 });
  return found;
}

const demoFiles = readdirSync(join(REPO_ROOT, 'demo')).map((name) => `demo/${name}`);

describe('wording in the docs', () => {
  it('should not call a jitter of 1 "full jitter", a name that means waits from 0 to d (AWS)', () => {
    for (const file of [...markdownFiles(), ...sourceFiles(), ...demoFiles]) {
      readRepoFile(file)
        .split(/\n\s*\n/)
        .forEach((paragraph) => {
          if (/full jitter/i.test(paragraph)) {
            expect(paragraph)
              .withContext(`${file}: "full jitter" outside a contrast with AWS's`)
              .toMatch(/AWS/);
          }
        });
    }
  });

  it('should date every figure of how long a command or a test run took, and say on what machine', () => {
    const timing =
      /\b\d+(?:\.\d+)?\s?(?:min|minutes?|seconds?|s)\b|half a minute|a few (?:seconds|minutes)|well under a minute/;
    const aboutARun = /`npm (?:test|run [\w:-]+)`|\bStryker\b|mutation run|\bthe suite\b/;
    for (const file of markdownFiles()) {
      for (const { text, line } of paragraphs(file)) {
        if (!(timing.test(text) && aboutARun.test(text))) continue;
        expect(text)
          .withContext(`${file}:${line}: a duration of a run without its date (YYYY-MM-DD) and machine`)
          .toMatch(
            /\b\d{4}-\d{2}-\d{2}\b[\s\S]*\b(?:core|CPU|machine|VM)s?\b|\b(?:core|CPU|machine|VM)s?\b[\s\S]*\b\d{4}-\d{2}-\d{2}\b/,
          );
      }
    }
  });
});

describe('the API reference', () => {
  it('should open with an overview of the package: a @packageDocumentation comment on src/index.ts that links the exports', () => {
    const index = readRepoFile('src/index.ts');
    const overview = /^\/\*\*([\s\S]*?)\*\//.exec(index)?.[1] ?? '';

    expect(overview).toContain('@packageDocumentation');
    for (const name of [
      'retryOnConflict',
      'onError',
      'Backoff',
      'backoffDelays',
      'planBackoff',
      'isConflict',
    ]) {
      expect(overview).toContain(`{@link ${name}}`);
    }
    expect(overview).toContain('docs/go-to-rxjs.md');
  });
});
