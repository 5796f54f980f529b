import { formatTextTable } from '../../src/cli/text-table.js';

describe('formatTextTable', () => {
  const rows = [
    ['name', 'waits'],
    ['DefaultRetry', '4'],
    ['custom', '24'],
  ];

  it('should lay out plain columns three spaces apart, each as wide as its widest cell, trailing blanks trimmed', () => {
    expect(formatTextTable(rows)).toBe(
      ['name           waits', 'DefaultRetry   4', 'custom         24'].join('\n'),
    );
  });

  it('should right-align the columns asked for', () => {
    expect(formatTextTable(rows, { align: ['left', 'right'] })).toBe(
      ['name           waits', 'DefaultRetry       4', 'custom            24'].join('\n'),
    );
  });

  it('should write a markdown pipe table whose rule row carries each alignment', () => {
    expect(formatTextTable(rows, { format: 'markdown', align: ['left', 'right'] })).toBe(
      [
        '| name         | waits |',
        '|--------------|------:|',
        '| DefaultRetry |     4 |',
        '| custom       |    24 |',
      ].join('\n'),
    );
  });

  it('should treat a missing cell as empty', () => {
    expect(formatTextTable([['a', 'b'], ['long']], { format: 'markdown' })).toBe(
      ['| a    | b |', '|------|---|', '| long |   |'].join('\n'),
    );
  });
});
