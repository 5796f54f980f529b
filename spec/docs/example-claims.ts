import ts from 'typescript';

/**
 * What a trailing comment says about the statement it ends:
 * - `expression; // [10, 20]`: the value is `[10, 20]` (any literal: number, string, array, object,
 *   `true`, `false`, `null`, `undefined`, `NaN`; it may name things in scope: `{ ...DefaultRetry, steps: 8 }`),
 *   compared as Jasmine's `toEqual` does. Prose may follow the value after `:`, `(` or a space:
 *   `// [10, 20]: cap rule`.
 * - `const name = expression; // 4`: the same, about the value of `name`.
 * - `expression; // throws RangeError: Backoff.steps must be an integer >= 1, got 0`: it throws an
 *   error of that name with exactly that message, or a message starting with it when it ends in `...`.
 * Any other trailing comment is prose.
 */
export type Claim =
  | { readonly kind: 'value'; readonly expected: string }
  | {
      readonly kind: 'throws';
      readonly name: string;
      readonly message: string | undefined;
      readonly prefix: boolean;
    };

const VALUE_KINDS = new Set([
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.ObjectLiteralExpression,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/** Whether `text` is one literal value (see {@link Claim}), and nothing more. */
function isValueLiteral(text: string): boolean {
  if (text === '') return false;
  const file = ts.createSourceFile('claim.ts', `(${text}\n);`, ts.ScriptTarget.Latest, true);
  const diagnostics = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  const [statement] = file.statements;
  if (diagnostics.length > 0 || file.statements.length !== 1 || !ts.isExpressionStatement(statement!))
    return false;
  let expression = statement.expression;
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken) {
    expression = expression.operand;
  }
  if (ts.isIdentifier(expression)) return ['undefined', 'NaN', 'Infinity'].includes(expression.text);
  return VALUE_KINDS.has(expression.kind);
}

/** The claim a trailing comment's text makes, or undefined for prose. */
export function parseClaim(comment: string): Claim | undefined {
  const text = comment.trim();
  const throws = /^throws\s+([A-Z]\w*)(?::\s*(.*))?$/.exec(text);
  if (throws !== null) {
    const message = throws[2]?.trim();
    const prefix = message !== undefined && /(\.\.\.|…)$/.test(message);
    return {
      kind: 'throws',
      name: throws[1] ?? '',
      message: prefix ? message?.replace(/\s*(\.\.\.|…)$/, '') : message,
      prefix,
    };
  }
  // The longest prefix that is a value: the whole text, else cut before a `:`, `(` or a space.
  const cuts = [text.length];
  for (let index = text.length - 1; index > 0; index--) {
    if (':( '.includes(text[index] ?? '')) cuts.push(index);
  }
  for (const cut of cuts) {
    const candidate = text.slice(0, cut).trim();
    if (isValueLiteral(candidate)) return { kind: 'value', expected: candidate };
  }
  return undefined;
}

/** A statement that ends with a claim, and the code that checks it in its place. */
interface Instrumented {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

const containsAwait = (node: ts.Node): boolean =>
  ts.isAwaitExpression(node) ||
  (!ts.isFunctionLike(node) &&
    (ts.forEachChild(node, (child) => containsAwait(child) || undefined) ?? false));

/**
 * Rewrites `code` so that each claim is checked where it is made, through `checker()` (a function
 * the module defines): `checker().value(line, actual, expected)` and `checker().throws(line, run,
 * name, message, prefix)`, or `valueAsync`/`throwsAsync`, awaited, where the statement awaits. Lines stay where they were, so that a line number still points into the
 * page. Throws for a claim written where none can be checked (e.g. after a destructuring).
 */
export function instrumentClaims(code: string, checker: string): { code: string; claims: number } {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true);
  const edits: Instrumented[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) {
      const edit = claimAt(file, node, checker);
      if (edit !== undefined) {
        edits.push(edit);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }
  return { code: result, claims: edits.length };
}

function claimAt(
  file: ts.SourceFile,
  statement: ts.ExpressionStatement | ts.VariableStatement,
  checker: string,
): Instrumented | undefined {
  const comment = ts
    .getTrailingCommentRanges(file.text, statement.end)
    ?.find((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  if (comment === undefined) return undefined;
  const claim = parseClaim(file.text.slice(comment.pos + 2, comment.end));
  if (claim === undefined) return undefined;
  const line = file.getLineAndCharacterOfPosition(statement.getStart(file)).line;
  const isAsync = containsAwait(statement);
  const [fn, wait, suffix] = isAsync ? ['async ', 'await ', 'Async'] : ['', '', ''];
  const start = statement.getStart(file);

  if (ts.isVariableStatement(statement)) {
    const declarations = statement.declarationList.declarations;
    const name = declarations[0]?.name;
    if (declarations.length !== 1 || name === undefined || !ts.isIdentifier(name) || claim.kind !== 'value') {
      throw new Error(
        `line ${line + 1}: a claim after a declaration must be a value, about one plain name: ${statement.getText(file)}`,
      );
    }
    return {
      start,
      end: comment.end,
      replacement: `${statement.getText(file)} ${checker}().value(${line}, () => ${name.text}, () => (${claim.expected}));`,
    };
  }
  const expression = statement.expression.getText(file);
  const replacement =
    claim.kind === 'value'
      ? `${wait}${checker}().value${suffix}(${line}, ${fn}() => (${expression}), () => (${claim.expected}));`
      : `${wait}${checker}().throws${suffix}(${line}, ${fn}() => { ${expression}; }, ${JSON.stringify(claim.name)}, ` +
        `${JSON.stringify(claim.message)}, ${claim.prefix});`;
  return { start, end: comment.end, replacement };
}
