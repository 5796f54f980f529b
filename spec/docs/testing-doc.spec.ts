import { readFile } from 'node:fs/promises';

/**
 * docs/testing.md shows users a spec to copy. That spec runs here as spec/docs/testing-guide.spec.ts;
 * this keeps the page and the running file the same, so the page cannot show code that fails.
 */
describe('docs/testing.md', () => {
  const read = (path: string): Promise<string> => readFile(new URL(path, import.meta.url), 'utf8');

  /** Code compared as tokens: the page may wrap the import line differently from the repository's file. */
  const tokens = (code: string): string => code.replace(/\s+/g, ' ').trim();

  it('should show, as its copyable spec, exactly the code of spec/docs/testing-guide.spec.ts', async () => {
    const page = await read('../../docs/testing.md');
    const spec = await read('./testing-guide.spec.ts');
    const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => code ?? '');
    const copyable = blocks.find((code) => code.includes("describe('increment'"));

    expect(copyable).withContext('a ```ts block with the increment spec').toBeDefined();
    expect(tokens(copyable ?? '')).toBe(
      tokens(spec.replace("'../../src/index.js'", "'rxjs-retry-on-conflict'")),
    );
  });
});
