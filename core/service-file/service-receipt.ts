// The signed receipt (回执) of a met service-file item, verifiable without calling the office:
// `HYBY1|kid|submissionId|kind|villageCode|verifiedOn|holderRef|sig` (docs/service-file.md#receipts),
// Ed25519 with the certificates' signing key. Parsing and verifying are pure (browser-safe).
import {
  decodeBase64url,
  KID_PATTERN,
  type PublicKeyEntry,
  type SigningKey,
  signText,
  verifySignedText,
} from '../certificates/certificate-signing';
import { isIsoDate } from '../review/working-days';
import { base64url } from '../runtime';
import { ITEM_KINDS, type ItemKind, RECEIPT_VERSION } from './service-file-schema';

export interface ReceiptFields {
  kid: string;
  submissionId: string;
  kind: ItemKind;
  villageCode: string;
  verifiedOn: string;
  holderRef: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VILLAGE_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const HOLDER_REF = /^[A-Za-z0-9_-]{12}$/;
export const RECEIPT_MAX_CHARS = 400;

/** A stable reference to the holder that names nobody: 12 base64url characters of SHA-256(user id). */
export async function holderRefOf(userId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`service-file:${userId}`));
  return base64url(new Uint8Array(digest)).slice(0, 12);
}

export async function signServiceReceipt(
  fields: Omit<ReceiptFields, 'kid'>,
  key: SigningKey,
): Promise<string> {
  const villageCode = VILLAGE_CODE.test(fields.villageCode) ? fields.villageCode : '-';
  return signText(
    [
      RECEIPT_VERSION,
      key.kid,
      fields.submissionId,
      fields.kind,
      villageCode,
      fields.verifiedOn,
      fields.holderRef,
    ].join('|'),
    key,
  );
}

export type ParsedReceipt =
  | { ok: true; fields: ReceiptFields; signedPart: string; signature: string }
  | { ok: false };

/** Splits and checks a receipt without verifying its signature; anything unexpected is refused. */
export function parseServiceReceipt(text: string): ParsedReceipt {
  if (text.length > RECEIPT_MAX_CHARS) return { ok: false };
  const parts = text.trim().split('|');
  if (parts.length !== 8 || parts[0] !== RECEIPT_VERSION) return { ok: false };
  const [, kid, submissionId, kind, villageCode, verifiedOn, holderRef, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    !KID_PATTERN.test(kid) ||
    !UUID.test(submissionId) ||
    !(ITEM_KINDS as readonly string[]).includes(kind) ||
    !(villageCode === '-' || VILLAGE_CODE.test(villageCode)) ||
    !isIsoDate(verifiedOn) ||
    !HOLDER_REF.test(holderRef) ||
    decodeBase64url(signature)?.length !== 64
  )
    return { ok: false };
  return {
    ok: true,
    fields: { kid, submissionId, kind: kind as ItemKind, villageCode, verifiedOn, holderRef },
    signedPart: parts.slice(0, 7).join('|'),
    signature,
  };
}

export type ReceiptVerdict =
  | { result: 'valid'; fields: ReceiptFields }
  | { result: 'format' | 'unknown_key' | 'bad_signature' };

/** Verifies a receipt with the published keys (GET /api/certificates/keys). */
export async function verifyServiceReceipt(
  text: string,
  publicKeys: readonly PublicKeyEntry[],
): Promise<ReceiptVerdict> {
  const parsed = parseServiceReceipt(text);
  if (!parsed.ok) return { result: 'format' };
  const result = await verifySignedText(parsed.signedPart, parsed.signature, parsed.fields.kid, publicKeys);
  return result === 'valid' ? { result, fields: parsed.fields } : { result };
}
