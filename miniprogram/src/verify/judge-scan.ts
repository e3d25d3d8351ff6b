// The mini app scanner's check of a scanned text, reached on this phone: the signature with the cached
// public keys, revocation with the register (serial and check code of the QR's address, when online)
// or the signed list (also offline). The payload after '#' — name, ID number — is never sent.
import { judgeQrPayload, type QrVerdict } from '../../../core/certificates/qr-verdict';
import { readScannedQr, type ScannedQr } from '../../../core/certificates/scanned-qr';
import { askRegister, loadVerificationMaterial, supportsEd25519 } from './material';

/** 'unchecked': the signature could not be checked here (no Ed25519 in this WebView, or no keys). */
export type ScanVerdict =
  | QrVerdict
  | { state: 'unchecked'; reason: 'noWebCrypto' | 'keysUnavailable'; scanned: ScannedQr };

export async function judgeScannedText(text: string, now: () => Date): Promise<ScanVerdict> {
  const scanned = readScannedQr(text);
  if (!scanned) return { state: 'not_genuine', reason: 'format' };
  if (!(await supportsEd25519())) return { state: 'unchecked', reason: 'noWebCrypto', scanned };
  const [material, register] = await Promise.all([
    loadVerificationMaterial(),
    scanned.serial && scanned.checkCode ? askRegister(scanned.serial, scanned.checkCode) : null,
  ]);
  if (!material) return { state: 'unchecked', reason: 'keysUnavailable', scanned };
  return judgeQrPayload({
    payload: scanned.payload,
    keys: material.keys,
    statusList: material.statusList,
    now: now(),
    expectedSerial: scanned.serial,
    register,
  });
}
