// The signed receipt of a tip-off (format HYJB1, docs/tipoffs.md): the reporter's proof that the office
// received a tip with this number, day, category and content hash. Parsing and verification are pure
// WebCrypto, so the /report page and the mini app import this module as the server does.
import {
  decodeBase64url,
  KID_PATTERN,
  type PublicKeyEntry,
  verifySignedText,
} from '../certificates/certificate-signing';
import { CATEGORY_CODES, type TipCategory } from './tipoff-schema';

export const TIP_RECEIPT_VERSION = 'HYJB1';
const FIELD_COUNT = 8;

export interface TipReceiptFields {
  townshipCode: string;
  number: number;
  /** 'YYYY-MM-DD' */
  day: string;
  category: TipCategory;
  /** base64url SHA-256 of the content (tipContentText). */
  contentHash: string;
}

export type TipReceiptVerdict =
  | ({ valid: true; kid: string } & TipReceiptFields)
  | { valid: false; reason: 'format' | 'unknown_key' | 'bad_signature' };

/** The text that is signed, without the signature. */
export function tipReceiptText(kid: string, f: TipReceiptFields): string {
  if (!KID_PATTERN.test(kid)) throw new Error('bad key id');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(f.townshipCode)) throw new Error('bad township code');
  return [
    TIP_RECEIPT_VERSION,
    kid,
    f.townshipCode,
    String(f.number),
    f.day.replaceAll('-', ''),
    CATEGORY_CODES[f.category],
    f.contentHash,
  ].join('|');
}

/** The canonical text whose SHA-256 the receipt carries (fields trimmed, absent ones empty). */
export function tipContentText(c: {
  category: TipCategory;
  villageId?: number | null;
  place?: string | null;
  what: string;
  period: string;
  provider?: string | null;
}): string {
  return [c.category, c.villageId ?? '', c.place ?? '', c.what, c.period, c.provider ?? '']
    .map((v) => String(v).trim())
    .join('\n');
}

/** base64url SHA-256 of tipContentText. */
export async function tipContentHash(content: Parameters<typeof tipContentText>[0]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tipContentText(content)));
  let s = '';
  for (const b of new Uint8Array(digest)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function parseTipReceipt(
  text: string,
):
  | { ok: true; kid: string; fields: TipReceiptFields; signedPart: string; signature: string }
  | { ok: false } {
  const parts = text.trim().split('|');
  if (parts.length !== FIELD_COUNT || parts[0] !== TIP_RECEIPT_VERSION) return { ok: false };
  const [, kid, townshipCode, number, day, code, contentHash, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const category = (Object.keys(CATEGORY_CODES) as TipCategory[]).find((c) => CATEGORY_CODES[c] === code);
  const dayMatch = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  const ok =
    KID_PATTERN.test(kid) &&
    /^[A-Za-z0-9_-]{1,32}$/.test(townshipCode) &&
    /^[1-9]\d{0,9}$/.test(number) &&
    dayMatch !== null &&
    category !== undefined &&
    decodeBase64url(contentHash)?.length === 32 &&
    decodeBase64url(signature)?.length === 64;
  if (!ok || !dayMatch || !category) return { ok: false };
  const trimmed = text.trim();
  return {
    ok: true,
    kid,
    signature,
    signedPart: trimmed.slice(0, trimmed.lastIndexOf('|')),
    fields: {
      townshipCode,
      number: Number(number),
      day: `${dayMatch[1]}-${dayMatch[2]}-${dayMatch[3]}`,
      category,
      contentHash,
    },
  };
}

/** Verifies a signed receipt against the published keys (GET /api/certificates/keys). */
export async function verifySignedTipReceipt(
  text: string,
  publicKeys: readonly PublicKeyEntry[],
): Promise<TipReceiptVerdict> {
  const parsed = parseTipReceipt(text);
  if (!parsed.ok) return { valid: false, reason: 'format' };
  const checked = await verifySignedText(parsed.signedPart, parsed.signature, parsed.kid, publicKeys);
  return checked === 'valid'
    ? { valid: true, kid: parsed.kid, ...parsed.fields }
    : { valid: false, reason: checked };
}
