// The certificate's check code: 8 characters printed beside the serial and carried in the QR's URL
// (/verify/<serial>?c=<code>). Serials are sequential; the public look-up needs the code too, so only
// someone shown the certificate can read the register. Crockford base32 (no I L O U), 40 random bits.
// Browser-safe.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_CODE_LENGTH = 8;
export const CHECK_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A new code from 5 random bytes (the injected `ids.token(5)`, base64url). */
export function checkCodeFromToken(token: string): string {
  const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  if (binary.length < 5) throw new Error('a check code needs 5 random bytes');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(binary.charCodeAt(i));
  let code = '';
  for (let i = CHECK_CODE_LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/**
 * What a person typed or a URL carried, as stored: upper case, spaces and dashes dropped, and the
 * letters Crockford reads as digits (O → 0, I and L → 1). Anything else that is not a code → null.
 */
export function normalizeCheckCode(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CHECK_CODE_PATTERN.test(s) ? s : null;
}

/** '7KQ2M9XD' → '7KQ2-M9XD': easier to read aloud and type; the dash is ignored when typed back. */
export function formatCheckCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Compares without stopping at the first difference, so timing tells nothing about a partial match. */
export function sameCheckCode(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
