// Bank details given with a reward claim are kept sealed (AES-GCM, a key derived with HKDF from
// TIPOFF_RECEIPT_KEY) until finance marks the reward paid, when they are deleted. A database dump
// alone does not show them; every officer read goes through read-bank-details.ts (audited).
import { base64url } from '../runtime';

export interface BankDetails {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

function sealKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, [
        'deriveKey',
      ]);
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode('township-tipoffs'),
          info: new TextEncoder().encode('reward-bank-details'),
        },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

export async function sealBankDetails(secret: string, details: BankDetails, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    await sealKey(secret),
    new TextEncoder().encode(JSON.stringify(details)),
  );
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), 12);
  return base64url(out);
}

export async function openBankDetails(secret: string, sealed: string, aad: string): Promise<BankDetails> {
  const b64 = sealed.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: new TextEncoder().encode(aad) },
    await sealKey(secret),
    bytes.slice(12),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as BankDetails;
}
