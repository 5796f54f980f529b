import { formatMarkdownTable } from '../../dev-support/markdown-table.js';

describe('formatMarkdownTable', () => {
  it('should write a markdown pipe table whose rule row carries each alignment', () => {
    const rows = [
      ['name', 'waits'],
      ['DefaultRetry', '4'],
      ['custom', '24'],
    ];
    expect(formatMarkdownTable(rows, ['left', 'right'])).toBe(
      [
        '| name         | waits |',
        '|--------------|------:|',
        '| DefaultRetry |     4 |',
        '| custom       |    24 |',
      ].join('\n'),
    );
  });

  it('should treat a missing cell as empty, and align left by default', () => {
    expect(formatMarkdownTable([['a', 'b'], ['long']])).toBe(
      ['| a    | b |', '|------|---|', '| long |   |'].join('\n'),
    );
  });
});
