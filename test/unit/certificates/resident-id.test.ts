// GB 11643-1999 resident ID rules: format, province, encoded birth date, check digit, sex.
import { describe, expect, it } from 'vitest';
import { computeCheckDigit, parseResidentId, withCheckDigit } from '../../../core/certificates/resident-id';

const today = '2026-11-25';

describe('parseResidentId', () => {
  it('accepts the GB 11643 worked example and decodes birth date and sex', () => {
    expect(parseResidentId('11010519491231002X', { today })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('accepts a lowercase x and normalizes it to X', () => {
    const result = parseResidentId('11010519491231002x', { today });
    expect(result).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('ignores surrounding spaces', () => {
    expect(parseResidentId('  11010519491231002X ', { today })).toMatchObject({ ok: true });
  });

  it('reads the sex from the 17th digit: odd is male, even is female', () => {
    expect(parseResidentId(withCheckDigit('36110219900315123'), { today })).toMatchObject({ sex: 'male' });
    expect(parseResidentId(withCheckDigit('36110219900315124'), { today })).toMatchObject({ sex: 'female' });
  });

  it('rejects an ID whose check digit is wrong', () => {
    expect(parseResidentId('110105194912310021', { today })).toEqual({ ok: false, reason: 'checkDigit' });
  });

  it('catches any single-digit typo in the area and sequence digits through the check digit', () => {
    const valid = withCheckDigit('44030619850612345');
    for (const i of [2, 3, 4, 5, 14, 15, 16]) {
      const digit = Number(valid[i]);
      const typo = `${valid.slice(0, i)}${(digit + 1) % 10}${valid.slice(i + 1)}`;
      expect(parseResidentId(typo, { today })).toEqual({ ok: false, reason: 'checkDigit' });
    }
  });

  it.each([
    ['too short', '11010519491231002'],
    ['too long', '11010519491231002X1'],
    ['a letter inside', '1101051949A231002X'],
    ['X not at the end', '1101051949123100X2'],
    ['a 15-digit first-generation ID', '110105491231002'],
    ['empty', ''],
  ])('rejects the format when %s', (_, id) => {
    expect(parseResidentId(id, { today })).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '49',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '83',
    '99',
  ])('rejects the unknown province code %s', (code) => {
    expect(parseResidentId(withCheckDigit(`${code}010519900101001`), { today })).toEqual({
      ok: false,
      reason: 'region',
    });
  });

  it.each(['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82'])(
    'accepts the province code %s',
    (code) => {
      expect(parseResidentId(withCheckDigit(`${code}010519900101001`), { today })).toMatchObject({
        ok: true,
      });
    },
  );

  it.each([
    ['a day that does not exist', '19900230'],
    ['month 13', '19901301'],
    ['29 February in a common year', '19900229'],
    ['a date before 1900', '18991231'],
    ['a date after today', '20261126'],
  ])('rejects %s as the birth date', (_, birth) => {
    expect(parseResidentId(withCheckDigit(`110105${birth}001`), { today })).toEqual({
      ok: false,
      reason: 'birthDate',
    });
  });

  it('accepts 29 February in a leap year and a birth today', () => {
    expect(parseResidentId(withCheckDigit('11010520000229001'), { today })).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    expect(parseResidentId(withCheckDigit('11010520261125001'), { today })).toMatchObject({ ok: true });
  });

  it('uses the real current date when no today is given', () => {
    expect(parseResidentId(withCheckDigit('11010520990101001'))).toEqual({ ok: false, reason: 'birthDate' });
  });
});

describe('withCheckDigit', () => {
  it('computes every check character, including X and 0', () => {
    expect(computeCheckDigit('11010519491231002')).toBe('X');
    expect(withCheckDigit('11010519491231002')).toBe('11010519491231002X');
    // Brute-force the sequence digits so all eleven possible check characters occur.
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(computeCheckDigit(`4403061985061${String(n).padStart(3, '0')}1`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => withCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => withCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});
