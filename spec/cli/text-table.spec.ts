import { formatTextTable } from '../../src/cli/text-table.js';

describe('formatTextTable', () => {
  it('should lay out plain columns three spaces apart, each as wide as its widest cell, trailing blanks trimmed', () => {
    const rows = [
      ['name', 'waits'],
      ['DefaultRetry', '4'],
      ['custom', '24'],
    ];
    expect(formatTextTable(rows)).toBe(
      ['name           waits', 'DefaultRetry   4', 'custom         24'].join('\n'),
    );
  });

  it('should treat a missing cell as empty', () => {
    expect(formatTextTable([['a', 'b'], ['long']])).toBe(['a      b', 'long'].join('\n'));
    expect(formatTextTable([['a', 'b', 'c'], ['long']])).toBe(['a      b   c', 'long'].join('\n'));
  });
});
