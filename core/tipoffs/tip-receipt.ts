// The reporter's receipt and what the office keeps of it: 16 random digits from the injected
// randomness (rejection sampling, no modulo bias), stored only as HMAC-SHA-256 under
// TIPOFF_RECEIPT_KEY. Look-ups go through the unique index on the hash: nothing compares secrets in code.
import type { Ids } from '../runtime';
import { RECEIPT_DIGITS } from './tipoff-schema';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function receiptKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** 16 uniformly random digits from `ids.token` bytes (bytes ≥ 250 are skipped: no bias). */
export function generateReceipt(ids: Ids): string {
  let digits = '';
  while (digits.length < RECEIPT_DIGITS) {
    for (const b of decodeToken(ids.token(32))) {
      if (b < 250) digits += String(b % 10);
      if (digits.length === RECEIPT_DIGITS) break;
    }
  }
  return digits;
}

/** The stored form of a receipt: base64url HMAC-SHA-256 of its digits (full 256 bits). */
export async function receiptHash(secret: string, digits: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await receiptKey(secret),
    encoder.encode(`tip-receipt:${digits}`),
  );
  return toBase64url(new Uint8Array(mac));
}

function decodeToken(token: string): Uint8Array {
  const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
