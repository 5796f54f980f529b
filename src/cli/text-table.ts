/**
 * Lays rows of cells out as a terminal shows a table: plain columns three spaces apart, each as wide
 * as its widest cell, trailing blanks trimmed.
 *
 * @param rows - the header row first, then the body; a missing cell is empty.
 *
 * @example
 * ```ts
 * formatTextTable([['name', 'waits'], ['DefaultRetry', '4']]).split('\n'); // ['name           waits', 'DefaultRetry   4']
 * ```
 */
export function formatTextTable(rows: readonly (readonly string[])[]): string {
  const columnCount = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columnCount }, (_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      widths
        .map((width, column) => (row[column] ?? '').padEnd(width))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}
