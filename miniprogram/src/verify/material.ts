// What a browser needs to judge a QR on its own: the office's public keys and the signed list of
// revoked certificates, fetched from the public API (nothing personal in either request) and kept in
// localStorage, so a later check without a connection still has them; the list carries its own
// signature and expiry, so a stale or tampered copy only makes revocation "unknown", never "fine".
// Online, the mini app's scanner also asks the register with the serial and check code of the QR's
// address (askRegister) — never with the payload after '#'.
import type { PublicKeyEntry } from '../../../core/certificates/certificate-signing';
import type { RegisterResult } from '../../../core/certificates/qr-verdict';

export interface VerificationMaterial {
  keys: PublicKeyEntry[];
  statusList: string | null;
}

const STORAGE_KEY = 'certificate-verification-material';
const REGISTER_RESULTS: readonly RegisterResult[] = ['valid', 'expired', 'revoked', 'not_found'];

export async function loadVerificationMaterial(): Promise<VerificationMaterial | null> {
  const cached = readCache();
  const [keys, statusList] = await Promise.all([fetchKeys(), fetchStatusList()]);
  const material = {
    keys: keys ?? cached?.keys ?? [],
    statusList: statusList ?? cached?.statusList ?? null,
  };
  if (material.keys.length === 0) return null;
  if (keys || statusList) writeCache(material);
  return material;
}

async function fetchKeys(): Promise<PublicKeyEntry[] | null> {
  try {
    const res = await fetch('/api/certificates/keys', { credentials: 'omit' });
    if (!res.ok) return null;
    const body = (await res.json()) as { keys?: { kid?: unknown; publicKey?: unknown }[] };
    const keys = (body.keys ?? []).flatMap((k) =>
      typeof k.kid === 'string' && typeof k.publicKey === 'string'
        ? [{ kid: k.kid, publicKey: k.publicKey }]
        : [],
    );
    return keys.length ? keys : null;
  } catch {
    return null;
  }
}

async function fetchStatusList(): Promise<string | null> {
  try {
    const res = await fetch('/api/certificates/status-list', { credentials: 'omit' });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

/**
 * The register's answer for a serial and its check code (what the QR's address carries, never its
 * payload); null when it cannot be had — offline, refused, or an unknown answer.
 */
export async function askRegister(serial: string, checkCode: string): Promise<RegisterResult | null> {
  try {
    const res = await fetch(
      `/api/certificates/${encodeURIComponent(serial)}/verify?c=${encodeURIComponent(checkCode)}`,
      { credentials: 'omit' },
    );
    if (!res.ok) return null;
    const { result } = (await res.json()) as { result?: unknown };
    return REGISTER_RESULTS.find((r) => r === result) ?? null;
  } catch {
    return null;
  }
}

function readCache(): VerificationMaterial | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as VerificationMaterial | null;
    return value && Array.isArray(value.keys) ? value : null;
  } catch {
    return null;
  }
}

function writeCache(material: VerificationMaterial): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(material));
  } catch {
    // Private mode or a full quota: the check works without the cache.
  }
}

/** Whether this browser's Web Crypto verifies Ed25519 (imports RFC 8032's first test public key). */
export async function supportsEd25519(): Promise<boolean> {
  const key = Uint8Array.from(
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g)!,
    (h) => Number.parseInt(h, 16),
  );
  try {
    await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
