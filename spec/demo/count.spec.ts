import { count } from '../../demo/count.js';

describe('count', () => {
  it('should write the noun singular for 1 and plural for any other number', () => {
    expect(count(1, 'writer')).toBe('1 writer');
    expect(count(1, 'increment')).toBe('1 increment');
    expect(count(3, 'writer')).toBe('3 writers');
    expect(count(0, 'give-up')).toBe('0 give-ups');
  });
});
