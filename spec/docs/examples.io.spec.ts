import {
  appExcerptFile,
  markdownBlocks,
  markdownFiles,
  sourceFiles,
  tsdocExamples,
  where,
  type DocBlock,
} from './doc-blocks.js';
import { startDocsServer, type DocsServer } from './docs-server.js';
import { EXAMPLE_CONTEXTS, KNOWN_WRONG } from './example-contexts.js';
import {
  compileExamples,
  prepareExamples,
  runExample,
  type ClaimReporter,
  type PreparedExample,
} from './typescript-examples.js';

/**
 * Every ```ts block of README.md and docs/*.md (not the generated docs/api/) and every `@example`
 * of src/ is compiled under the project's strict options against the package's own source, and,
 * unless marked compile-only, run, with each claim its comments make checked (the convention is in
 * example-claims.ts and docs/testing.md). A failure names the file and line.
 *
 * A block headed by the path of a file of the example Angular app (`// examples/angular-app/…`) is
 * left out: it imports its neighbours (`./counter.service`) and runs under `ng test`'s Vitest, so
 * only the app's own build and specs can compile and run it; angular-doc.spec.ts holds it to be an
 * exact excerpt of that file.
 */
const blocks = [
  ...markdownFiles().flatMap((file) => markdownBlocks(file)),
  ...sourceFiles().flatMap((file) => tsdocExamples(file)),
].filter(
  (block) => (block.lang === 'ts' || block.lang === 'typescript') && appExcerptFile(block) === undefined,
);

const knownWrong = (block: DocBlock) =>
  KNOWN_WRONG.find((entry) => entry.file === block.file && block.code.includes(entry.contains));

/**
 * Equality as a reader means it in a comment: the same primitive (NaN is NaN, 0 is -0), arrays of
 * equal items, objects with equal own fields (whatever their prototype: `parseArgs` gives objects
 * without one), or else the same object.
 */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null)
    return false;
  if (Array.isArray(actual) !== Array.isArray(expected)) return false;
  const actualKeys = Object.keys(actual);
  const expectedKeys = Object.keys(expected);
  return (
    actualKeys.length === expectedKeys.length &&
    expectedKeys.every((key) =>
      sameValue((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
    )
  );
}

/** Collects what is wrong with a block's claims, as `file:line: what`. */
function collectingReporter(problems: string[]): ClaimReporter {
  return {
    value: (at, actual, expected) => {
      if (!sameValue(actual, expected))
        problems.push(`${at}: the value is ${jasmine.pp(actual)}, the comment says ${jasmine.pp(expected)}`);
    },
    threw: (at, error, name, message, prefix) => {
      const thrown = error as { name?: unknown; message?: unknown };
      const text = String(thrown.message);
      if (thrown.name !== name)
        problems.push(`${at}: threw ${String(thrown.name)}, the comment says ${name}`);
      if (message !== undefined && !(prefix ? text.startsWith(message) : text === message)) {
        problems.push(`${at}: threw "${text}", the comment says "${message}${prefix ? '...' : ''}"`);
      }
    },
    didNotThrow: (at, name) => problems.push(`${at}: returned, the comment says it throws ${name}`),
  };
}

describe('examples in the docs and the TSDoc', () => {
  let server: DocsServer;
  let prepared: Map<DocBlock, PreparedExample>;
  let errors: Map<PreparedExample, string[]>;

  beforeAll(async () => {
    server = await startDocsServer();
    (globalThis as { docsServerUrl?: string }).docsServerUrl = server.url;
    const rxjsNames = new Set(Object.keys(await import('rxjs')));
    const examples = prepareExamples(blocks, EXAMPLE_CONTEXTS, rxjsNames);
    prepared = new Map(examples.map((example) => [example.block, example]));
    errors = compileExamples(examples);
  }, 120_000);

  // An example's requests end with it: answered, or cancelled by the example (and so ended here).
  afterEach(async () => {
    expect(await server.settled(1_000))
      .withContext('requests the example left open at the server')
      .toEqual([]);
  });

  afterAll(async () => {
    delete (globalThis as { docsServerUrl?: string }).docsServerUrl;
    await server.close();
  });

  it('should find the blocks: the pages and the TSDoc have TypeScript examples', () => {
    expect(blocks.filter((block) => block.file.startsWith('src/')).length).toBeGreaterThan(20);
    expect(blocks.filter((block) => block.file.endsWith('.md')).length).toBeGreaterThan(5);
  });

  it('should list as known to be wrong only examples that exist', () => {
    for (const entry of KNOWN_WRONG) {
      expect(blocks.some((block) => knownWrong(block) === entry))
        .withContext(`${entry.file}: no block contains ${JSON.stringify(entry.contains)}; remove the entry`)
        .toBeTrue();
    }
  });

  for (const block of blocks) {
    const wrong = knownWrong(block);
    const title = wrong
      ? `${where(block)} should still be wrong, until ${wrong.why}`
      : `${where(block)} should compile under strict, and run with every claim true`;
    it(
      title,
      async () => {
        const example = prepared.get(block);
        if (example === undefined) return fail(`${where(block)} was not prepared`);
        const problems = [...(errors.get(example) ?? [])];
        if (example.compileOnly === undefined && problems.length === 0) {
          try {
            const claims = await runExample(example, collectingReporter(problems));
            if (claims === 0 && /;[ \t]*\/\/[ \t]*(\[|\{|'|-?\d|true\b|false\b|throws\b)/.test(block.code)) {
              problems.push(`${where(block)}: comments that look like claims, but none was checked`);
            }
          } catch (error: unknown) {
            problems.push(error instanceof Error ? error.message : String(error));
          }
        }
        if (wrong) {
          expect(problems.length)
            .withContext(`${where(block)} is right now: remove its KNOWN_WRONG entry`)
            .toBeGreaterThan(0);
        } else {
          expect(problems).withContext(where(block)).toEqual([]);
        }
      },
      30_000,
    );
  }
});
