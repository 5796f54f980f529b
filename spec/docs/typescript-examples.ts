import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { REPO_ROOT } from '../support/run-node.js';
import { readRepoFile, where, type DocBlock } from './doc-blocks.js';
import { instrumentClaims } from './example-claims.js';

/** What the examples of one file assume and how they are checked. */
export interface ExampleContext {
  /**
   * Code put before each block of the file, for the names its text takes as given (an `http`
   * client, an `update$`). Real values, so that the blocks run; a reader never sees it.
   */
  readonly preamble?: string;
  /**
   * Code put after each block of the file, to undo what the preamble set up for it (a global
   * `TestBed` environment) once the block has run.
   */
  readonly epilogue?: string;
  /** Why the blocks of this file are compiled but not run; absent: they run. */
  readonly compileOnly?: string;
}

/** A block made into a module of its own: the names it uses imported, the file's preamble before it. */
export interface PreparedExample {
  readonly block: DocBlock;
  /** Where the module is, for the compiler: a file that exists only in memory. */
  readonly virtualPath: string;
  /** The module as compiled: imports and preamble, then the block as written. */
  readonly source: string;
  /** Lines before the block's first line in `source`. */
  readonly offset: number;
  /** The code after the block in `source`, before its `export {}`. */
  readonly epilogue: string;
  /** Why the block is compiled but not run; undefined: it runs. */
  readonly compileOnly: string | undefined;
}

const VIRTUAL_FOLDER = join(REPO_ROOT, 'spec', 'docs', '__examples__');

const exportsByFile = new Map<string, Set<string>>();

/** The names a module exports, types included, read from its source (once per file). */
function exportedNames(file: string): Set<string> {
  const known = exportsByFile.get(file);
  if (known !== undefined) return known;
  const names = readExportedNames(file);
  exportsByFile.set(file, names);
  return names;
}

function readExportedNames(file: string): Set<string> {
  const source = ts.createSourceFile(file, readRepoFile(file), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
      continue;
    }
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** Names bound at the top level of a block: imports and declarations. */
function topLevelNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function identifiersIn(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The file's preamble without the statements that declare a name the block declares itself: a
 * block that defines its own `url` keeps it, and the preamble's gives way.
 */
function preambleFor(preamble: string, declaredByBlock: ReadonlySet<string>): string {
  const source = ts.createSourceFile('preamble.ts', preamble, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((statement) => {
      const alone = ts.createSourceFile(
        'statement.ts',
        statement.getText(source),
        ts.ScriptTarget.Latest,
        true,
      );
      return ![...topLevelNames(alone)].some((name) => declaredByBlock.has(name));
    })
    .map((statement) => statement.getText(source))
    .join('\n');
}

/** Import specifier of a repository file as seen from the virtual folder. */
const fromVirtual = (file: string): string =>
  `./${join('../../..', file).replace(/\\/g, '/').replace(/\.ts$/, '.js')}`.replace('./../', '../');

/**
 * Makes a block a module: imports, on one line, each name it uses but neither imports nor declares,
 * from the file it documents (for TSDoc), else from the package (`rxjs-retry-on-conflict`), else
 * from `rxjs`; then the file's preamble; then the block. So a TSDoc example may use its own
 * function, and any example `DefaultRetry` or `defer`, without an import line.
 */
export function prepareExamples(
  blocks: readonly DocBlock[],
  contexts: Readonly<Record<string, ExampleContext>>,
  rxjsNames: ReadonlySet<string>,
): PreparedExample[] {
  const packageNames = exportedNames('src/index.ts');
  return blocks.map((block, index) => {
    // Names in the claims count as used: `// { ...DefaultRetry, steps: 8 }` needs DefaultRetry.
    const parsed = ts.createSourceFile(
      'block.ts',
      instrumentClaims(block.code, '__example').code,
      ts.ScriptTarget.Latest,
      true,
    );
    const declared = topLevelNames(parsed);
    const used = [...identifiersIn(parsed)].filter((name) => !declared.has(name));
    const ownNames = block.file.startsWith('src/') ? exportedNames(block.file) : new Set<string>();
    const own = used.filter((name) => ownNames.has(name));
    const fromPackage = used.filter((name) => !ownNames.has(name) && packageNames.has(name));
    const fromRxjs = used.filter(
      (name) => !ownNames.has(name) && !packageNames.has(name) && rxjsNames.has(name),
    );
    const imports = [
      own.length > 0 ? `import { ${own.join(', ')} } from '${fromVirtual(block.file)}';` : '',
      fromPackage.length > 0 ? `import { ${fromPackage.join(', ')} } from 'rxjs-retry-on-conflict';` : '',
      fromRxjs.length > 0 ? `import { ${fromRxjs.join(', ')} } from 'rxjs';` : '',
    ].join(' ');
    const context = contexts[block.file] ?? {};
    const preamble = `${imports}\n${preambleFor(context.preamble ?? '', declared)}\n`;
    const marker = block.marker?.match(/^compile only\b[:,]?\s*(.*)$/s);
    const epilogue = context.epilogue ?? '';
    return {
      block,
      virtualPath: join(VIRTUAL_FOLDER, `${block.file.replace(/[^\w]+/g, '_')}_${block.line}_${index}.ts`),
      source: `${preamble}${block.code}\n${epilogue}\nexport {};\n`,
      offset: preamble.split('\n').length - 1,
      epilogue,
      compileOnly: marker ? marker[1] || 'marked compile only' : context.compileOnly,
    };
  });
}

/** The compiler options of tsconfig.json: strict, with `rxjs-retry-on-conflict` mapped to src/. */
function projectOptions(): ts.CompilerOptions {
  const configPath = join(REPO_ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT, undefined, configPath);
  return { ...parsed.options, noEmit: true };
}

/**
 * Compiles every prepared example in one program, under the project's strict options, and returns
 * the errors of each, as `file:line: message` pointing into the page or source file.
 */
export function compileExamples(examples: readonly PreparedExample[]): Map<PreparedExample, string[]> {
  const byPath = new Map(examples.map((example) => [example.virtualPath, example]));
  const options = projectOptions();
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (path) => byPath.has(path) || fileExists(path);
  host.readFile = (path) => byPath.get(path)?.source ?? readFile(path);
  host.getSourceFile = (path, language, onError, create) => {
    const example = byPath.get(path);
    return example !== undefined
      ? ts.createSourceFile(path, example.source, language, true)
      : getSourceFile(path, language, onError, create);
  };
  const program = ts.createProgram([...byPath.keys()], options, host);
  const errors = new Map<PreparedExample, string[]>(examples.map((example) => [example, []]));
  // Only the examples' own diagnostics: checking src/ itself is typecheck's job, and would double the time.
  const diagnostics = examples.flatMap((example) => {
    const file = program.getSourceFile(example.virtualPath);
    return file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
  });
  for (const diagnostic of diagnostics) {
    const example = diagnostic.file ? byPath.get(diagnostic.file.fileName) : undefined;
    if (example === undefined || diagnostic.file === undefined) continue;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - example.offset;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    errors
      .get(example)
      ?.push(
        line >= 0
          ? `${where(example.block, line)}: TS${diagnostic.code}: ${text}`
          : `${example.block.file}'s preamble (spec/docs/example-contexts.ts), for the block at ${where(example.block)}: TS${diagnostic.code}: ${text}`,
      );
  }
  return errors;
}

/** What a block's checks report to: each claim, true or not, with its line in the page. */
export interface ClaimReporter {
  value(where: string, actual: unknown, expected: unknown): void;
  threw(where: string, error: unknown, name: string, message: string | undefined, prefix: boolean): void;
  didNotThrow(where: string, name: string): void;
}

interface ExampleChecks {
  value(line: number, actual: () => unknown, expected: () => unknown): void;
  valueAsync(line: number, actual: () => Promise<unknown>, expected: () => unknown): Promise<void>;
  throws(line: number, run: () => void, name: string, message: string | undefined, prefix: boolean): void;
  throwsAsync(
    line: number,
    run: () => Promise<void>,
    name: string,
    message: string | undefined,
    prefix: boolean,
  ): Promise<void>;
}

declare global {
  var __docExamples: Map<string, ExampleChecks> | undefined;
}

/** Module specifiers of the compiled block, made absolute so that it runs from any folder. */
function absoluteSpecifiers(code: string, virtualPath: string): string {
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\2/g,
    (match, lead: string, quote: string, specifier: string) => {
      let target: string;
      if (specifier === 'rxjs-retry-on-conflict') {
        target = pathToFileURL(join(REPO_ROOT, 'src', 'index.ts')).href;
      } else if (specifier === 'rxjs-retry-on-conflict/angular') {
        target = pathToFileURL(join(REPO_ROOT, 'src', 'angular', 'index.ts')).href;
      } else if (specifier.startsWith('.')) {
        const path = resolve(dirname(virtualPath), specifier);
        const typescript = path.replace(/\.js$/, '.ts');
        target = pathToFileURL(existsSync(typescript) ? typescript : path).href;
      } else if (specifier.startsWith('node:')) {
        return match;
      } else {
        target = import.meta.resolve(specifier);
      }
      return `${lead}${quote}${target}${quote}`;
    },
  );
}

const JASMINE_HOOKS = ['beforeAll', 'beforeEach', 'afterEach', 'afterAll'] as const;

/** Removes jasmine's hook functions from the globals until `restore` is called. */
function hideJasmineHooks(): { restore(): void } {
  const globals = globalThis as Record<string, unknown>;
  const saved = JASMINE_HOOKS.map((name) => [name, globals[name]] as const);
  for (const name of JASMINE_HOOKS) globals[name] = undefined;
  return {
    restore: () => {
      for (const [name, hook] of saved) globals[name] = hook;
    },
  };
}

/**
 * Runs a prepared example as a module of its own, with each claim in it checked where it is made
 * (see example-claims.ts), reporting to `reporter`. Resolves to the number of claims checked;
 * rejects with the block's location if the block throws.
 */
export async function runExample(example: PreparedExample, reporter: ClaimReporter): Promise<number> {
  const id = example.virtualPath;
  const instrumented = instrumentClaims(example.block.code, '__example');
  const prefix = example.source.slice(
    0,
    example.source.length - `${example.block.code}\n${example.epilogue}\nexport {};\n`.length,
  );
  const source =
    `${prefix}${instrumented.code}\n${example.epilogue}\n` +
    `function __example() { return globalThis.__docExamples.get(${JSON.stringify(id)}); }\nexport {};\n`;
  const { outputText } = ts.transpileModule(source, {
    fileName: example.virtualPath,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  const at = (line: number): string => where(example.block, line);
  const checks: ExampleChecks = {
    value: (line, actual, expected) => reporter.value(at(line), actual(), expected()),
    valueAsync: async (line, actual, expected) => reporter.value(at(line), await actual(), expected()),
    throws: (line, run, name, message, prefix) => {
      try {
        run();
      } catch (error: unknown) {
        reporter.threw(at(line), error, name, message, prefix);
        return;
      }
      reporter.didNotThrow(at(line), name);
    },
    throwsAsync: async (line, run, name, message, prefix) => {
      try {
        await run();
      } catch (error: unknown) {
        reporter.threw(at(line), error, name, message, prefix);
        return;
      }
      reporter.didNotThrow(at(line), name);
    },
  };
  globalThis.__docExamples ??= new Map();
  globalThis.__docExamples.set(id, checks);
  const folder = mkdtempSync(join(tmpdir(), 'doc-example-'));
  try {
    const file = join(folder, 'example.mjs');
    writeFileSync(file, absoluteSpecifiers(outputText, example.virtualPath));
    // The example runs inside a spec, where jasmine refuses new hooks; a module that registers its
    // own as it loads (Angular's TestBed) would throw. Hidden, they are not registered: a context
    // that needs such cleanup gives it as its epilogue.
    const hooks = hideJasmineHooks();
    try {
      await import(pathToFileURL(file).href);
    } catch (error: unknown) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      throw new Error(`the example at ${where(example.block)} threw: ${detail}`, { cause: error });
    } finally {
      hooks.restore();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return instrumented.claims;
}
