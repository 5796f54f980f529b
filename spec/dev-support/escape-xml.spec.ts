import { escapeXml } from '../../dev-support/escape-xml.js';

describe('escapeXml', () => {
  it('should replace each of < > & " and \' with its numeric character reference', () => {
    expect(escapeXml(`a<b>c&d"e'f`)).toBe('a&#60;b&#62;c&#38;d&#34;e&#39;f');
  });

  it('should leave other text, × and – included, as it is', () => {
    expect(escapeXml('k = 3, 1 ms waits: 0.43× – met')).toBe('k = 3, 1 ms waits: 0.43× – met');
  });
});
