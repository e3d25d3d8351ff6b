// HMAC-SHA-256 keyed by a string secret, the imported key cached per secret (a handful per isolate):
// click-tracking links and rate-limit keys are both signed this way.
import { base64url } from './runtime';

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

/** The MAC of `message` in base64url, cut to `length` characters (16 = 96 bits). */
export async function hmacBase64url(secret: string, message: string, length = 16): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message));
  return base64url(new Uint8Array(mac)).slice(0, length);
}
