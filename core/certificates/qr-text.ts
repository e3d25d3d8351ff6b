import { type CoreConfig, verifyPageUrl } from '../config';

/**
 * What a certificate's QR code holds: the public verification URL, with the signed payload after
 * '#' (percent-encoded). A phone camera opens the page; an offline verifier reads the payload
 * (docs/certificate-qr-format.md). The fragment never reaches the server.
 */
export function certificateQrText(config: CoreConfig, cert: { serial: string; payload: string }): string {
  return `${verifyPageUrl(config, cert.serial)}#${encodeURIComponent(cert.payload)}`;
}
