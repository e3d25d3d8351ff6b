// Masking of names and ID numbers shown to people other than the certificate's holder.
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../../core/certificates/mask';

describe('maskName', () => {
  it.each([
    ['张小明', '张*明'],
    ['李娜', '李*'],
    ['欧阳小明', '欧**明'],
    ['司马相如之', '司***之'],
    ['王', '*'],
  ])('masks the Chinese name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps the separator of a transliterated minority name visible', () => {
    expect(maskName('买买提·艾力')).toBe('买**·*力');
  });

  it('counts a character outside the BMP as one character', () => {
    expect(maskName('𠮷野家')).toBe('𠮷*家');
  });

  it('ignores surrounding spaces', () => {
    expect(maskName('  张小明 ')).toBe('张*明');
  });

  it.each([
    ['John Smith', 'J*** S****'],
    ['Anna', 'A***'],
    ['Mary-Jane Watson', 'M***-J*** W*****'],
    ['Li  Na', 'L*  N*'],
  ])('keeps only the first letter of each word of the Latin name %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('returns an empty string for an empty name', () => {
    expect(maskName('')).toBe('');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('upper-cases a trailing x', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X');
  });

  it('hides the birth date whatever the length', () => {
    expect(maskIdNumber('110105491231002')).toBe('1101*******1002');
  });

  it('hides a value too short to keep anything', () => {
    expect(maskIdNumber('12345678')).toBe('********');
  });
});
