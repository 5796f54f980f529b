/** How a column's cells line up: text reads from the left, figures from the right. */
export type ColumnAlign = 'left' | 'right';

/**
 * Lays rows of cells out as a table, each column as wide as its widest cell. `columns` gives plain
 * columns three spaces apart, as a terminal shows them (trailing blanks trimmed); `markdown` gives a
 * pipe table whose rule row carries the alignment, so that it renders as a table too.
 *
 * @param rows - the header row first, then the body; a missing cell is empty.
 * @param options - `format` (default `columns`) and `align` per column (default `left`).
 *
 * @example
 * ```ts
 * const rows = [['name', 'waits'], ['DefaultRetry', '4']];
 * formatTextTable(rows).split('\n'); // ['name           waits', 'DefaultRetry   4']
 * formatTextTable(rows, { format: 'markdown', align: ['left', 'right'] }).split('\n')[1]; // '|--------------|------:|'
 * ```
 */
export function formatTextTable(
  rows: readonly (readonly string[])[],
  options: { readonly format?: 'columns' | 'markdown'; readonly align?: readonly ColumnAlign[] } = {},
): string {
  const { format = 'columns', align = [] } = options;
  const columnCount = Math.max(0, ...rows.map((row) => row.length));
  const columns = Array.from({ length: columnCount }, (_, column) => column);
  const widths = columns.map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const cells = (row: readonly string[]): string[] =>
    columns.map((column) => {
      const text = row[column] ?? '';
      const width = widths[column] ?? 0;
      return align[column] === 'right' ? text.padStart(width) : text.padEnd(width);
    });
  if (format === 'columns') return rows.map((row) => cells(row).join('   ').trimEnd()).join('\n');
  const rule = columns.map(
    (column) => `-${'-'.repeat(widths[column] ?? 0)}${align[column] === 'right' ? ':' : '-'}`,
  );
  const [header = [], ...body] = rows;
  const line = (row: readonly string[]): string => `| ${cells(row).join(' | ')} |`;
  return [line(header), `|${rule.join('|')}|`, ...body.map(line)].join('\n');
}
