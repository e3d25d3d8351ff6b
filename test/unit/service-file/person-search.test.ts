// How the officers' search of service files reads a term: 4–6 digits (an ID number may end in X) are
// a tail, anything else part of a name; the schema refuses what is too short or too long.
import { describe, expect, it } from 'vitest';
import {
  classifyPersonSearch,
  PERSON_SEARCH_MAX_CHARS,
  ZPersonSearchSchema,
} from '../../../core/service-file/service-file-schema';

describe('reading a search term', () => {
  it('takes 4 to 6 digits, the last possibly X, as an ID-number or phone tail', () => {
    expect(classifyPersonSearch('1234')).toEqual({ kind: 'tail', value: '1234' });
    expect(classifyPersonSearch(' 12345x ')).toEqual({ kind: 'tail', value: '12345X' });
    expect(classifyPersonSearch('123456')).toEqual({ kind: 'tail', value: '123456' });
  });

  it('takes anything else as part of a name, spaces folded', () => {
    expect(classifyPersonSearch('123')).toEqual({ kind: 'name', value: '123' });
    expect(classifyPersonSearch('1234567')).toEqual({ kind: 'name', value: '1234567' });
    expect(classifyPersonSearch('X123')).toEqual({ kind: 'name', value: 'X123' });
    expect(classifyPersonSearch('  Wang   Wei ')).toEqual({ kind: 'name', value: 'Wang Wei' });
    expect(classifyPersonSearch('李娜')).toEqual({ kind: 'name', value: '李娜' });
  });

  it('refuses fewer than 2 characters (after trimming) or more than the maximum, and extra fields', () => {
    expect(ZPersonSearchSchema.safeParse({ q: ' 李 ' }).error?.issues[0]?.message).toBe(
      'serviceFile:validation.searchTooShort',
    );
    expect(ZPersonSearchSchema.safeParse({ q: 'x'.repeat(PERSON_SEARCH_MAX_CHARS + 1) }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ q: '李娜', villageId: 1 }).success).toBe(false);
    expect(ZPersonSearchSchema.parse({ q: ' 李娜 ' })).toEqual({ q: '李娜' });
  });
});
