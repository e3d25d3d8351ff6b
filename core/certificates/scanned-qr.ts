// Reads what a scanner got from a certificate's QR code (qr-text.ts writes it): the signed payload after
// '#', and the serial and check code of the address, which only serve to ask the register. Also takes a
// bare HYZM1 payload (an offline verifier's copy). Browser-safe; judging the payload is qr-verdict.ts's.

import { PAYLOAD_VERSION } from './certificate-signing';
import { normalizeCheckCode } from './check-code';

export interface ScannedQr {
  payload: string;
  /** The serial in the address (/verify/<serial>); the payload must name the same one. */
  serial?: string;
  /** The check code in the address (?c=), as stored; null when absent or not a code. */
  checkCode: string | null;
}

const VERIFY_PATH = /^\/verify\/([^/]+)$/;

/**
 * The parts of a scanned text, or null when it is not a certificate QR at all. The host is not
 * checked: the payload's signature decides, wherever the address points.
 */
export function readScannedQr(text: string): ScannedQr | null {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${PAYLOAD_VERSION}|`)) return { payload: trimmed, checkCode: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  const path = VERIFY_PATH.exec(url.pathname);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !path?.[1] || url.hash.length < 2) {
    return null;
  }
  try {
    return {
      payload: decodeURIComponent(url.hash.slice(1)),
      serial: decodeURIComponent(path[1]),
      checkCode: normalizeCheckCode(url.searchParams.get('c')),
    };
  } catch {
    // Broken percent-encoding: not something this office wrote.
    return null;
  }
}
