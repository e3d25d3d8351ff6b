// Masks names and ID numbers wherever a certificate is shown to someone who is not its holder
// (verification page, officer lists, notifications). Browser-safe.

const HAN = /\p{Script=Han}/u;
// Separators in transliterated minority names (买买提·艾力) stay visible; they carry no identity.
const NAME_SEPARATORS = new Set(['·', '•', '・', '.', '-', ' ']);

/**
 * '张小明' → '张*明', '李娜' → '李*', '欧阳小明' → '欧**明'. A name without Chinese characters keeps
 * the first letter of each word: 'John Smith' → 'J*** S****'.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (!HAN.test(trimmed)) return maskLatinName(trimmed);
  // Array.from splits by code point, so a rare character outside the BMP counts as one.
  const chars = Array.from(trimmed);
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  if (chars.length === 2) return `${chars[0]}*`;
  const middle = chars.slice(1, -1).map((c) => (NAME_SEPARATORS.has(c) ? c : '*'));
  return `${chars[0]}${middle.join('')}${chars.at(-1)}`;
}

/** '11010519491231002X' → '1101**********002X': first 4 and last 4 kept (province/city, and the check). */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim().toUpperCase();
  // Too short to keep 8 characters and still hide anything meaningful: hide it all.
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

function maskLatinName(name: string): string {
  return name
    .split(/(\s+|-)/)
    .map((part) => {
      if (/^(\s+|-)$/.test(part) || part === '') return part;
      const chars = Array.from(part);
      return chars[0] + '*'.repeat(chars.length - 1);
    })
    .join('');
}
