import { maskDeep, maskText } from './mask.js';

describe('maskText', () => {
  it('masks resident ID numbers, mobiles and long account numbers', () => {
    expect(maskText('id 11010519491231002X ok')).toBe('id 110105********002X ok');
    expect(maskText('phone 13812348000.')).toBe('phone 138****8000.');
    expect(maskText('acct 6222020200112233445')).toBe('acct ************3445');
  });

  it('leaves short numbers, uuids and timestamps alone', () => {
    const text = 'status 200 in 12 ms, id 0b7c5a8e-1f2d-4c3b-9a8e-7f6d5c4b3a29 at 2026-11-21T10:00:00Z';
    expect(maskText(text)).toBe(text);
  });

  it('masks nested values', () => {
    expect(maskDeep({ a: { b: ['13812348000'] }, n: 5 })).toEqual({ a: { b: ['138****8000'] }, n: 5 });
  });
});
