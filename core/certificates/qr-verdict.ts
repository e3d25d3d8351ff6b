// One verdict for a scanned QR, reached on the verifier's own device: the public page's script and
// the mini app's scanner both use it, so a forged QR is "not genuine" everywhere and a revoked one
// "revoked" even without the register. Browser-safe; the payload never has to leave the device.

import { todayInShanghai } from '../review/working-days';
import {
  type CertificatePayloadFields,
  type PublicKeyEntry,
  verifyCertificatePayload,
} from './certificate-signing';
import { verifyStatusList } from './status-list';

export type RegisterResult = 'valid' | 'expired' | 'revoked' | 'not_found';

export type QrVerdict =
  | { state: 'not_genuine'; reason: 'format' | 'unknown_key' | 'bad_signature' | 'serial_mismatch' }
  | {
      /** revocation_unknown: genuine and in date, but neither a fresh list nor the register was available. */
      state: 'valid' | 'expired' | 'revoked' | 'revocation_unknown';
      fields: CertificatePayloadFields;
      /** What said whether it is revoked: the register (online, with the check code) or the signed list. */
      revocationSource: 'register' | 'list' | null;
    };

export async function judgeQrPayload(options: {
  payload: string;
  keys: readonly PublicKeyEntry[];
  /** The HYZR1 list as fetched or cached; null when there is none. */
  statusList: string | null;
  now: Date;
  /** The serial of the page the QR opened: a payload of another certificate is not this one. */
  expectedSerial?: string;
  /** The register's answer when the verifier could ask it (the page with a check code). */
  register?: RegisterResult | null;
}): Promise<QrVerdict> {
  const checked = await verifyCertificatePayload(options.payload, options.keys);
  if (!checked.valid) return { state: 'not_genuine', reason: checked.reason };
  const { fields } = checked;
  if (options.expectedSerial !== undefined && options.expectedSerial !== fields.serial) {
    return { state: 'not_genuine', reason: 'serial_mismatch' };
  }
  const genuine = (
    state: 'valid' | 'expired' | 'revoked' | 'revocation_unknown',
    source: 'register' | 'list' | null,
  ) => ({ state, fields, revocationSource: source }) as const;
  if (options.register === 'revoked') return genuine('revoked', 'register');
  const list = options.statusList
    ? await verifyStatusList(options.statusList, options.keys, options.now)
    : null;
  if (list?.ok && list.list.revoked.has(fields.serial)) return genuine('revoked', 'list');
  const source =
    options.register === 'valid' || options.register === 'expired' ? 'register' : list?.ok ? 'list' : null;
  if (fields.validUntil < todayInShanghai(options.now)) return genuine('expired', source);
  return source ? genuine('valid', source) : genuine('revocation_unknown', null);
}
