// The signed list of revoked certificates (format HYZR1, docs/certificate-status-list.md): what lets a
// verifier without the register — offline, or the public page before it asks anything — see that a
// genuine QR belongs to a revoked certificate. Signed with the certificates' Ed25519 key; the version
// prefix and field count differ from a QR payload's, so neither can pass for the other. Browser-safe.
import {
  KID_PATTERN,
  type PublicKeyEntry,
  type SigningKey,
  signText,
  verifySignedText,
} from './certificate-signing';

export const STATUS_LIST_VERSION = 'HYZR1';
/** How long a list may be relied on, and the Cache-Control max-age it is served with. */
export const STATUS_LIST_TTL_SECONDS = 6 * 3600;

const FIELD_COUNT = 6;
const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SERIAL = /^[A-Z0-9-]{1,64}$/;

export interface StatusList {
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Serials of revoked certificates that have not yet expired. */
  revoked: ReadonlySet<string>;
}

export type StatusListCheck =
  | { ok: true; list: StatusList }
  | { ok: false; reason: 'format' | 'unknown_key' | 'bad_signature' | 'stale' };

/** `HYZR1|<kid>|<issued>|<expires>|<serial,serial,…>|<signature>`, serials sorted, times UTC. */
export async function buildStatusList(options: {
  revokedSerials: readonly string[];
  key: SigningKey;
  now: Date;
  ttlSeconds?: number;
}): Promise<string> {
  const serials = [...new Set(options.revokedSerials)].sort();
  const bad = serials.find((s) => !SERIAL.test(s));
  if (bad !== undefined) throw new Error('a serial in the status list is not 1-64 of A-Z 0-9 -');
  const expires = new Date(options.now.getTime() + (options.ttlSeconds ?? STATUS_LIST_TTL_SECONDS) * 1000);
  const text = [STATUS_LIST_VERSION, options.key.kid, stamp(options.now), stamp(expires), serials.join(',')];
  return signText(text.join('|'), options.key);
}

/**
 * Checks a list's signature and age. A list that does not verify, or whose expiry has passed, says
 * nothing: the caller must then report revocation as unknown, never as "not revoked".
 */
export async function verifyStatusList(
  text: string,
  publicKeys: readonly PublicKeyEntry[],
  now: Date,
): Promise<StatusListCheck> {
  const parts = text.split('|');
  if (parts.length !== FIELD_COUNT || parts[0] !== STATUS_LIST_VERSION)
    return { ok: false, reason: 'format' };
  const [, kid, issued, expires, list, signature] = parts as [string, string, string, string, string, string];
  const issuedAt = parseStamp(issued);
  const expiresAt = parseStamp(expires);
  const serials = list === '' ? [] : list.split(',');
  if (!KID_PATTERN.test(kid) || !issuedAt || !expiresAt || !serials.every((s) => SERIAL.test(s))) {
    return { ok: false, reason: 'format' };
  }
  const checked = await verifySignedText(text.slice(0, text.lastIndexOf('|')), signature, kid, publicKeys);
  if (checked !== 'valid') return { ok: false, reason: checked };
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'stale' };
  return { ok: true, list: { kid, issuedAt, expiresAt, revoked: new Set(serials) } };
}

function stamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function parseStamp(s: string): Date | undefined {
  const m = STAMP.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  // Round-trips only for a real instant (rejects month 13, second 61…).
  return !Number.isNaN(d.getTime()) && stamp(d) === s ? d : undefined;
}
