import { type CoreConfig, verifyPageUrl } from '../config';

/**
 * What a certificate's QR code holds: the public verification URL with the check code
 * (/verify/<serial>?c=<code>), then the signed payload after '#' (percent-encoded). A phone camera
 * opens the page, which checks the signature in the browser; an offline verifier reads the payload
 * (docs/certificate-qr-format.md). Browsers never send the fragment to the server.
 */
export function certificateQrText(
  config: CoreConfig,
  cert: { serial: string; checkCode: string; payload: string },
): string {
  return `${verifyPageUrl(config, cert.serial, cert.checkCode)}#${encodeURIComponent(cert.payload)}`;
}
