// Tokens of tracked link buttons: /c/<delivery id in base 36>.<HMAC>. Signed so nobody can inflate a
// campaign's clicks by walking delivery ids; no table of tokens is needed.
import { hmacBase64url } from '../hmac';

function signature(secret: string, deliveryId: number): Promise<string> {
  return hmacBase64url(secret, `click:${deliveryId}`);
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
