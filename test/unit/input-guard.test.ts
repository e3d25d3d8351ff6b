// The edge guard's rules on their own: which text, numbers and shapes are refused, with which path.
import { describe, expect, it } from 'vitest';
import { findUnsafeValues, hasForbiddenCharacters, INPUT_LIMITS, INT4_MAX } from '../../core/input-guard';

describe('the edge guard rules', () => {
  it('refuses NUL and lone surrogates anywhere in a string, and accepts proper surrogate pairs', () => {
    expect(hasForbiddenCharacters('a\u0000b')).toBe(true);
    expect(hasForbiddenCharacters('\ud800')).toBe(true);
    expect(hasForbiddenCharacters('x\udc00')).toBe(true);
    expect(hasForbiddenCharacters('\udbff\ud800')).toBe(true);
    expect(hasForbiddenCharacters('张小明 😀 👨‍👩‍👧 東山村 é')).toBe(false);
    expect(hasForbiddenCharacters('\ud83d\ude00')).toBe(false);
  });

  it('names the field of every problem, nested and in arrays', () => {
    const issues = findUnsafeValues({
      form: { applicant: { name: 'a\u0000' }, children: [{ name: 'ok' }, { name: '\ud800' }] },
      villageId: 2 ** 31,
      version: -(2 ** 31) - 1,
      note: 'x'.repeat(INPUT_LIMITS.textChars + 1),
    });
    expect(issues).toEqual([
      { path: 'form.applicant.name', message: 'errors:field.invalidCharacters' },
      { path: 'form.children.1.name', message: 'errors:field.invalidCharacters' },
      { path: 'villageId', message: 'errors:field.too_big_number', params: { maximum: INT4_MAX } },
      { path: 'version', message: 'errors:field.too_small_number', params: { minimum: -(2 ** 31) } },
      { path: 'note', message: 'errors:field.too_big_string', params: { maximum: INPUT_LIMITS.textChars } },
    ]);
  });

  it('accepts int4 edges, fractions and valid text of every script', () => {
    expect(
      findUnsafeValues({ a: INT4_MAX, b: -(2 ** 31), c: 1.5, d: '关爱女孩 😀', e: [true, null], f: {} }),
    ).toEqual([]);
  });

  it('refuses keys with NUL, non-finite numbers and nesting deeper than the limit', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < INPUT_LIMITS.depth + 2; i++) deep = [deep];
    expect(findUnsafeValues({ 'a\u0000': 1 })).toEqual([
      { path: '?', message: 'errors:field.invalidCharacters' },
    ]);
    expect(findUnsafeValues({ n: Number.POSITIVE_INFINITY })[0]?.message).toBe('errors:field.too_big_number');
    expect(findUnsafeValues(deep)[0]?.message).toBe('errors:field.tooDeep');
  });

  it('stops after a bounded number of issues, so junk cannot make a huge error body', () => {
    expect(findUnsafeValues(Array.from({ length: 1_000 }, () => '\u0000'))).toHaveLength(INPUT_LIMITS.issues);
  });

  it('leaves non-plain objects (uploaded files) to their schema', () => {
    expect(findUnsafeValues({ kind: 'id_card', file: new Blob(['\u0000']) })).toEqual([]);
  });
});
