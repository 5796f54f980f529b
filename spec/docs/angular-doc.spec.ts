import { readFile } from 'node:fs/promises';

/**
 * docs/angular.md shows code from the example Angular app, each block headed by a comment naming its
 * file. The app's specs and browser check run those files (`npm run test:angular`); this keeps every
 * block an exact excerpt of the file it names, so the page cannot show code that is not run.
 */
describe('docs/angular.md', () => {
  const read = (path: string): Promise<string> => readFile(new URL(path, import.meta.url), 'utf8');

  /** Code compared as tokens: the page indents an excerpt from a nested block less than its file. */
  const tokens = (code: string): string => code.replace(/\s+/g, ' ').trim();

  it('should show only exact excerpts of the example app, each in the file its first line names', async () => {
    const page = await read('../../docs/angular.md');
    const excerpts = [...page.matchAll(/```ts\n\/\/ (examples\/angular-app\/\S+)\n([\s\S]*?)```/g)];

    // The policy, the service, and the three test recipes at least.
    expect(excerpts.length).toBeGreaterThanOrEqual(6);
    for (const [, path = '', code = ''] of excerpts) {
      const file = await read(`../../${path}`);
      // A block may stop early: from a `// ...` line on, it only closes what it opened.
      const [excerpt = ''] = code.split(/^\s*\/\/ \.\.\..*$/m);
      expect(tokens(file).includes(tokens(excerpt)))
        .withContext(`docs/angular.md block headed ${path} is not an excerpt of that file`)
        .toBeTrue();
    }
  });

  it('should name every recipe file of the example app that it describes', async () => {
    const page = await read('../../docs/angular.md');
    for (const recipe of ['testing-provider', 'fake-timers', 'test-scheduler']) {
      expect(page).toContain(`// examples/angular-app/src/app/counter.service.${recipe}.spec.ts`);
    }
  });
});
