// GB 11643-1999 18-digit resident identity number: format, province, encoded birth date and sex, and
// the ISO 7064 MOD 11-2 check digit. Browser-safe (the mini app validates while the person types).
import { isIsoDate, todayInShanghai } from '../review/working-days';

export type Sex = 'male' | 'female';

export type ResidentIdResult =
  | { ok: true; normalized: string; birthDate: string; sex: Sex }
  | { ok: false; reason: 'format' | 'region' | 'birthDate' | 'checkDigit' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Province-level codes of GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao residence permits). */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...range(11, 15),
  ...range(21, 23),
  ...range(31, 37),
  ...range(41, 46),
  ...range(50, 54),
  ...range(61, 65),
  '71',
  '81',
  '82',
]);

/**
 * Validates and decodes an 18-character resident ID. Surrounding spaces are ignored and a lowercase
 * x is accepted (people type it) but normalized to X. `today` ('YYYY-MM-DD', Shanghai) is injectable
 * so tests do not depend on the clock; a birth date after it is rejected.
 */
export function parseResidentId(input: string, options: { today?: string } = {}): ResidentIdResult {
  const s = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'format' };
  if (!PROVINCE_CODES.has(s.slice(0, 2))) return { ok: false, reason: 'region' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const today = options.today ?? todayInShanghai();
  if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return { ok: false, reason: 'birthDate' };
  }
  if (computeCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checkDigit' };
  // The 17th digit is the sequence code's last digit: odd for men, even for women.
  const sex: Sex = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized: s, birthDate, sex };
}

/** The check character (0-9 or X) for the first 17 digits of an ID. */
export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Appends the check character: turns 17 digits into a valid 18-character ID (tests, seed data). */
export function withCheckDigit(first17: string): string {
  return first17 + computeCheckDigit(first17);
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}
