/** How a column's cells line up: text reads from the left, figures from the right. */
export type ColumnAlign = 'left' | 'right';

/**
 * Lays rows of cells out as a Markdown pipe table, each column as wide as its widest cell, whose
 * rule row carries the alignment, so that it reads as a table in a terminal and renders as one too.
 * The demo's summary and the benchmark tables of docs/performance.md are written with it.
 *
 * @param rows - the header row first, then the body; a missing cell is empty.
 * @param align - per column; default `left`.
 *
 * @example
 * ```ts
 * formatMarkdownTable([['name', 'waits'], ['DefaultRetry', '4']], ['left', 'right']).split('\n')[1]; // '|--------------|------:|'
 * ```
 */
export function formatMarkdownTable(
  rows: readonly (readonly string[])[],
  align: readonly ColumnAlign[] = [],
): string {
  const columnCount = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columnCount }, (_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]): string => {
    const cells = widths.map((width, column) => {
      const text = row[column] ?? '';
      return align[column] === 'right' ? text.padStart(width) : text.padEnd(width);
    });
    return `| ${cells.join(' | ')} |`;
  };
  const rule = widths.map((width, column) => `-${'-'.repeat(width)}${align[column] === 'right' ? ':' : '-'}`);
  const [header = [], ...body] = rows;
  return [line(header), `|${rule.join('|')}|`, ...body.map(line)].join('\n');
}
