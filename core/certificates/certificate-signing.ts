// Signs and verifies the certificate's QR payload (format HYZM1, documented in
// docs/certificate-qr-format.md) with Ed25519 through WebCrypto, so the same code runs in workerd, Node 22
// and — for verification — a current browser. The private key is a 32-byte seed held in a Worker secret.

import { isIsoDate } from '../review/working-days';
import { base64url } from '../runtime';
import type { MaritalStatus } from './application-schema';
import type { Sex } from './resident-id';

export const PAYLOAD_VERSION = 'HYZM1';

/** One letter per marital status on the wire; the letters are part of the signed format — never reuse one. */
export const MARITAL_CODES = {
  unmarried: 'U',
  first_marriage: 'F',
  remarried: 'R',
  divorced: 'D',
  widowed: 'W',
} as const satisfies Record<MaritalStatus, string>;

/** Everything the QR carries besides the version, key id and signature. Dates are 'YYYY-MM-DD'. */
export interface CertificatePayloadFields {
  serial: string;
  name: string;
  sex: Sex;
  idNumber: string;
  maritalStatus: MaritalStatus;
  childrenCount: number;
  issuerCode: string;
  issueDate: string;
  validUntil: string;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** Raw 32-byte public key, base64url without padding: what verifiers are given. */
  publicKey: string;
}

export interface PublicKeyEntry {
  kid: string;
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string;
}

export type ParsedCertificatePayload =
  | { ok: true; kid: string; fields: CertificatePayloadFields; signedPart: string; signature: string }
  | { ok: false; reason: 'format' | 'version' };

export type CertificateVerification =
  | { valid: true; kid: string; fields: CertificatePayloadFields }
  | { valid: false; reason: 'format' | 'unknown_key' | 'bad_signature' };

// RFC 8410 PrivateKeyInfo for Ed25519 is this fixed 16-byte header followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = hexToBytes('302e020100300506032b657004220420');
const ED25519 = { name: 'Ed25519' } as const;
const FIELD_COUNT = 12;
export const KID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
const ID_PATTERN = /^\d{17}[\dX]$/;
const COMPACT_DATE = /^\d{8}$/;
// '|' separates fields; control characters (newlines…) have no place in a printed certificate either.
const FORBIDDEN_IN_FIELD = /[|\p{Cc}]/u;
const SEX_CODES = { male: 'M', female: 'F' } as const satisfies Record<Sex, string>;

/** Imports CERT_SIGNING_KEY (base64url 32-byte seed) as a non-extractable signing key with its kid. */
export async function importSigningKey(seedB64url: string, kid: string): Promise<SigningKey> {
  if (!KID_PATTERN.test(kid))
    throw new Error('CERT_SIGNING_KEY_ID must be 1-32 characters of A-Z a-z 0-9 . _ -');
  const pkcs8 = pkcs8FromSeed(seedB64url);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { kid, privateKey, publicKey: await publicKeyOf(seedB64url) };
}

/** The raw public key (base64url) belonging to a seed; publish it with its kid for verifiers. */
export async function publicKeyOf(seedB64url: string): Promise<string> {
  // WebCrypto cannot derive a public key directly; an extractable copy exports it as JWK `x`
  // (RFC 8037: the raw public key, base64url). The copy is dropped right away.
  const extractable = await crypto.subtle.importKey('pkcs8', pkcs8FromSeed(seedB64url), ED25519, true, [
    'sign',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', extractable);
  if (typeof jwk.x !== 'string') throw new Error('the runtime did not export the Ed25519 public key');
  return jwk.x;
}

/** A fresh random seed, base64url: the value to store with `wrangler secret put CERT_SIGNING_KEY`. */
export function generateSigningSeed(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Builds the signed QR text. Throws when a field would break the format (e.g. contains '|'). */
export async function buildCertificatePayload(
  fields: CertificatePayloadFields,
  key: SigningKey,
): Promise<string> {
  return signText([PAYLOAD_VERSION, key.kid, ...encodeFields(fields)].join('|'), key);
}

/** `<text>|<base64url Ed25519 signature of text>`: the shape of every signed statement (QR payload, status list). */
export async function signText(text: string, key: SigningKey): Promise<string> {
  const signature = await crypto.subtle.sign(ED25519, key.privateKey, new TextEncoder().encode(text));
  return `${text}|${base64url(new Uint8Array(signature))}`;
}

/**
 * Checks `signature` (base64url, 64 bytes) on `signedPart` with the published key named `kid`. An
 * unknown kid is not verified with another key; a published key that is not 32 bytes is a setup error.
 */
export async function verifySignedText(
  signedPart: string,
  signature: string,
  kid: string,
  publicKeys: readonly PublicKeyEntry[],
): Promise<'valid' | 'unknown_key' | 'bad_signature'> {
  const entry = publicKeys.find((k) => k.kid === kid);
  if (!entry) return 'unknown_key';
  const raw = decodeBase64url(entry.publicKey);
  if (raw?.length !== 32) throw new Error(`public key "${entry.kid}" is not 32 bytes of base64url`);
  const bytes = decodeBase64url(signature);
  if (bytes?.length !== 64) return 'bad_signature';
  const key = await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
  const ok = await crypto.subtle.verify(ED25519, key, bytes, new TextEncoder().encode(signedPart));
  return ok ? 'valid' : 'bad_signature';
}

/** Splits and checks a payload without verifying its signature. */
export function parseCertificatePayload(text: string): ParsedCertificatePayload {
  const parts = text.split('|');
  if (parts[0] !== PAYLOAD_VERSION) {
    return { ok: false, reason: /^HYZM\d+$/.test(parts[0] ?? '') ? 'version' : 'format' };
  }
  if (parts.length !== FIELD_COUNT) return { ok: false, reason: 'format' };
  const [, kid, serial, name, sex, idNumber, marital, children, issuerCode, issued, validUntil, signature] =
    parts as [string, string, string, string, string, string, string, string, string, string, string, string];
  const sexValue = keyOf(SEX_CODES, sex);
  const maritalStatus = keyOf(MARITAL_CODES, marital);
  const issueDate = isoFromCompact(issued);
  const validUntilDate = isoFromCompact(validUntil);
  const wellFormed =
    KID_PATTERN.test(kid) &&
    serial !== '' &&
    name !== '' &&
    issuerCode !== '' &&
    ![serial, name, issuerCode].some((f) => FORBIDDEN_IN_FIELD.test(f)) &&
    ID_PATTERN.test(idNumber) &&
    /^(0|[1-9]\d{0,1})$/.test(children) &&
    sexValue !== undefined &&
    maritalStatus !== undefined &&
    issueDate !== undefined &&
    validUntilDate !== undefined &&
    decodeBase64url(signature)?.length === 64;
  if (!wellFormed) return { ok: false, reason: 'format' };
  return {
    ok: true,
    kid,
    signature,
    signedPart: text.slice(0, text.lastIndexOf('|')),
    fields: {
      serial,
      name,
      sex: sexValue,
      idNumber,
      maritalStatus,
      childrenCount: Number(children),
      issuerCode,
      issueDate,
      validUntil: validUntilDate,
    },
  };
}

/**
 * Verifies a scanned payload against the published keys. It says whether the office signed exactly
 * these fields; whether the certificate is still valid (valid-until, revocation) is the caller's call.
 */
export async function verifyCertificatePayload(
  text: string,
  publicKeys: readonly PublicKeyEntry[],
): Promise<CertificateVerification> {
  const parsed = parseCertificatePayload(text);
  if (!parsed.ok) return { valid: false, reason: 'format' };
  const checked = await verifySignedText(parsed.signedPart, parsed.signature, parsed.kid, publicKeys);
  return checked === 'valid'
    ? { valid: true, kid: parsed.kid, fields: parsed.fields }
    : { valid: false, reason: checked };
}

function encodeFields(f: CertificatePayloadFields): string[] {
  const text = (label: string, value: string, max: number) => {
    if (value === '' || value.length > max) throw new Error(`${label} must be 1-${max} characters`);
    if (FORBIDDEN_IN_FIELD.test(value))
      throw new Error(`${label} must not contain "|" or control characters`);
    return value;
  };
  const date = (label: string, value: string) => {
    if (!isIsoDate(value)) throw new Error(`${label} must be a YYYY-MM-DD date`);
    return value.replaceAll('-', '');
  };
  if (!ID_PATTERN.test(f.idNumber)) throw new Error('idNumber must be 17 digits and a digit or X');
  if (!Number.isInteger(f.childrenCount) || f.childrenCount < 0 || f.childrenCount > 99) {
    throw new Error('childrenCount must be a whole number 0-99');
  }
  return [
    text('serial', f.serial, 64),
    text('name', f.name, 60),
    SEX_CODES[f.sex],
    f.idNumber,
    MARITAL_CODES[f.maritalStatus],
    String(f.childrenCount),
    text('issuerCode', f.issuerCode, 32),
    date('issueDate', f.issueDate),
    date('validUntil', f.validUntil),
  ];
}

function keyOf<K extends string>(table: Record<K, string>, code: string): K | undefined {
  return (Object.keys(table) as K[]).find((k) => table[k] === code);
}

function isoFromCompact(s: string): string | undefined {
  if (!COMPACT_DATE.test(s)) return undefined;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : undefined;
}

function pkcs8FromSeed(seedB64url: string): Uint8Array<ArrayBuffer> {
  const seed = decodeBase64url(seedB64url.trim());
  if (seed?.length !== 32)
    throw new Error('CERT_SIGNING_KEY must be the base64url encoding of a 32-byte seed');
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  return der;
}

/** Strict base64url (no padding, no other alphabet): a re-encoded signature must not verify twice. */
export function decodeBase64url(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Non-canonical trailing bits (two encodings of the same bytes) are refused.
  return base64url(bytes) === s ? bytes : undefined;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
}
