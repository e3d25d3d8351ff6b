// Rate-limit keys: who is counted, never stored or logged as such. An address or a user id goes
// through a keyed hash here and only the hash reaches the limiter; the raw value stays in the request.
import { hmacBase64url } from '../hmac';

/**
 * The network a client is in: an IPv4 address as it is, an IPv6 address cut to its /64 (what one
 * subscriber usually gets — counting single IPv6 addresses would let one person use millions).
 * Anything else (no header: a local test, a misconfigured proxy) is one shared 'unknown' client.
 */
export function clientNetwork(ip: string | undefined | null): string {
  const value = ip?.trim() ?? '';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return value;
  const groups = ipv6Groups(value);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : 'unknown';
}

/** The eight groups of an IPv6 address (an embedded IPv4 tail read as zeros), or null. */
function ipv6Groups(value: string): string[] | null {
  if (!value.includes(':') || !/^[0-9a-fA-F:.]+$/.test(value)) return null;
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...tail];
  return groups.map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? g.toLowerCase().replace(/^0+(?=.)/, '') : '0'));
}

/** The limiter's key for an identity ('ip:…', 'user:…'): a keyed hash, useless without the secret. */
export function limitKey(secret: string, identity: string): Promise<string> {
  return hmacBase64url(secret, `rate-limit:${identity}`, 22);
}
