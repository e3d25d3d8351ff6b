// A tip's receipt sealed (AES-GCM, key derived from a Worker secret) into a token short enough for a
// Telegram button (callback data ≤ 64 bytes) and for a reply prompt. The bot keeps the receipt a person
// typed only inside its own messages in that chat — never in a table next to who they are — and only
// until the token expires. Telegram stores the token but cannot open it.
import { decodeBase64url } from '../certificates/certificate-signing';
import { base64url } from '../runtime';

/** How long a "follow a report" session's buttons keep working before the receipt must be typed again. */
export const SEALED_RECEIPT_MINUTES = 30;
const IV_BYTES = 12;
const TAG_BITS = 96;
const DIGIT_BYTES = 10; // up to 24 digits
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function sealingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: encoder.encode('tip-follow-seal-v1'),
        },
        base,
        { name: 'AES-GCM', length: 128 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

/** Seals a receipt (digits only) until `expiresAt`; `iv` must be 12 fresh random bytes. */
export async function sealReceipt(options: {
  secret: string;
  receipt: string;
  expiresAt: Date;
  iv: Uint8Array;
}): Promise<string> {
  const { receipt } = options;
  if (!/^\d{1,24}$/.test(receipt)) throw new Error('a receipt is 1–24 digits');
  if (options.iv.length !== IV_BYTES) throw new Error('the iv is 12 bytes');
  const plain = new Uint8Array(1 + DIGIT_BYTES + 4);
  plain[0] = receipt.length;
  let n = BigInt(receipt);
  for (let i = DIGIT_BYTES; i >= 1; i--) {
    plain[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  new DataView(plain.buffer).setUint32(1 + DIGIT_BYTES, Math.floor(options.expiresAt.getTime() / 60_000));
  const iv = new Uint8Array(options.iv);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, tagLength: TAG_BITS },
      await sealingKey(options.secret),
      plain,
    ),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return base64url(out);
}

/** The receipt inside a token, or undefined when the token is forged, damaged or expired. */
export async function openSealedReceipt(options: {
  secret: string;
  token: string;
  now: Date;
}): Promise<string | undefined> {
  const bytes = /^[A-Za-z0-9_-]{20,80}$/.test(options.token) ? decodeBase64url(options.token) : undefined;
  if (!bytes || bytes.length <= IV_BYTES) return undefined;
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), tagLength: TAG_BITS },
        await sealingKey(options.secret),
        bytes.slice(IV_BYTES),
      ),
    );
  } catch {
    return undefined;
  }
  if (plain.length !== 1 + DIGIT_BYTES + 4) return undefined;
  const expiresMinute = new DataView(plain.buffer).getUint32(1 + DIGIT_BYTES);
  if (expiresMinute * 60_000 <= options.now.getTime()) return undefined;
  let n = 0n;
  for (let i = 1; i <= DIGIT_BYTES; i++) n = (n << 8n) | BigInt(plain[i] ?? 0);
  const length = plain[0] ?? 0;
  const digits = n.toString();
  if (length < digits.length || length > 24) return undefined;
  return digits.padStart(length, '0');
}
