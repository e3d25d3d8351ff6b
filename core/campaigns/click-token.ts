// Tokens of tracked link buttons: /c/<delivery id in base 36>.<HMAC>. Signed so nobody can inflate a
// campaign's clicks by walking delivery ids; no table of tokens is needed.
import { base64url } from '../runtime';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keys.set(secret, key);
  }
  return key;
}

async function signature(secret: string, deliveryId: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`click:${deliveryId}`));
  return base64url(new Uint8Array(mac)).slice(0, 16);
}

export async function clickToken(secret: string, deliveryId: number): Promise<string> {
  return `${deliveryId.toString(36)}.${await signature(secret, deliveryId)}`;
}

/** The delivery id of a valid token, or null. */
export async function readClickToken(secret: string, token: string): Promise<number | null> {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!m) return null;
  const id = Number.parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const expected = await signature(secret, id);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  return diff === 0 ? id : null;
}
