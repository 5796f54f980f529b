import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every `.ts` file under `folder`. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The files a source imports or re-exports by a relative path, type-only imports included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map(([, specifier]) =>
    resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')),
  );
}

/** A cycle of the import graph, as the files around it, or undefined when there is none. */
function findCycle(
  files: readonly string[],
  importsOf: (file: string) => readonly string[],
): string[] | undefined {
  const state = new Map<string, 'walking' | 'done'>();
  const path: string[] = [];
  const walk = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'walking') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'walking');
    path.push(file);
    for (const imported of importsOf(file)) {
      const cycle = walk(imported);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of files) {
    const cycle = walk(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the import graph of src/', () => {
  it('should have no cycle, so that each module can be read knowing only what it imports', () => {
    const cycle = findCycle(sources(join(root, 'src')), importsOf);
    expect(cycle?.map((file) => relative(root, file)).join(' → ')).toBeUndefined();
  });

  it('should be read with a check that finds a cycle when there is one', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a'] };
    expect(findCycle(['d'], (file) => graph[file] ?? [])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(['c'], (file) => (file === 'c' ? ['a'] : []))).toBeUndefined();
  });

  it('should read the imports of a source, type-only ones included', () => {
    expect(importsOf(join(root, 'src/backoff/backoff-step.ts'))).toEqual([
      join(root, 'src/backoff/backoff-spec.ts'),
    ]);
  });
});
