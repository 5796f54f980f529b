import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-node.js';
import { appExcerptFile, markdownBlocks, markdownFiles, readRepoFile, where } from './doc-blocks.js';

/**
 * docs/angular.md shows code from the example Angular app, each block headed by a comment naming its
 * file. The app's specs and browser check run those files (`npm run test:angular`); this keeps every
 * block an exact excerpt of the file it names, so the page cannot show code that is not run. The
 * examples spec (examples.io.spec.ts) leaves these blocks to this one, by the same test: appExcerptFile.
 */
describe('docs/angular.md', () => {
  /** Code compared as tokens: the page indents an excerpt from a nested block less than its file. */
  const tokens = (code: string): string => ` ${code.replace(/\s+/g, ' ').trim()} `;

  const excerpts = markdownFiles().flatMap((file) =>
    markdownBlocks(file).flatMap((block) => {
      const path = appExcerptFile(block);
      return path === undefined ? [] : [{ block, path }];
    }),
  );

  it('should show the policy, the service and the three test recipes as excerpts of the example app', () => {
    expect(excerpts.filter(({ block }) => block.file === 'docs/angular.md').length).toBeGreaterThanOrEqual(6);
  });

  for (const { block, path } of excerpts) {
    it(`${where(block)} should be an exact excerpt of ${path}, a file that ng build or ng test compiles`, () => {
      // The app's tsconfig.app.json and tsconfig.spec.json take in every .ts file under src/.
      expect(path).toMatch(/^examples\/angular-app\/src\/[\w./-]+\.ts$/);
      expect(existsSync(join(REPO_ROOT, path)))
        .withContext(`${where(block)} names ${path}`)
        .toBeTrue();
      const file = readRepoFile(path);
      // Its first line names the file; from a `// ...` line on, a block that stops early only closes what it opened.
      const [excerpt = '', ...rest] = block.code
        .split('\n')
        .slice(1)
        .join('\n')
        .split(/^\s*\/\/ \.\.\..*$/m);
      const closing = rest.join('').replace(/^\s*\/\/ \.\.\..*$/gm, '');
      expect(closing)
        .withContext(`${where(block)}: after a "// ..." line, only brackets that close`)
        .toMatch(/^[\s)}\];,]*$/);
      expect(tokens(excerpt).trim())
        .withContext(`${where(block)}: an empty excerpt`)
        .not.toBe('');
      expect(tokens(file).includes(tokens(excerpt)))
        .withContext(`${where(block)}, headed ${path}, is not an excerpt of that file`)
        .toBeTrue();
    });
  }

  it('should name every recipe file of the example app that it describes', () => {
    const page = readRepoFile('docs/angular.md');
    for (const recipe of ['testing-provider', 'fake-timers', 'test-scheduler']) {
      expect(page).toContain(`// examples/angular-app/src/app/counter.service.${recipe}.spec.ts`);
    }
  });
});
