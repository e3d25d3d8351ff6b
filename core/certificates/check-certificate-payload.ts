import type { CoreDeps } from '../deps';
import { parseCertificatePayload, verifyCertificatePayload } from './certificate-signing';
import { listSigningKeys } from './list-signing-keys';
import { readRegisterForSignedSerial } from './verify-certificate';

/**
 * The server-side fallback for a browser without Web Crypto Ed25519 (the page asks the person before
 * it sends the payload): is the signature the office's, and — only if it is — what the register says
 * of that serial now. The office's signature on the serial stands in for the check code; a forged or
 * altered payload is answered as such and reveals nothing about any certificate.
 */
export async function checkCertificatePayload(options: { deps: CoreDeps; payload: string }) {
  const { deps } = options;
  const text = options.payload.trim();
  const keys = (await listSigningKeys({ deps })).map((k) => ({ kid: k.kid, publicKey: k.publicKey }));
  const parsed = parseCertificatePayload(text);
  if (!parsed.ok) return { signature: 'malformed' as const };
  const checked = await verifyCertificatePayload(text, keys);
  if (!checked.valid)
    return { signature: checked.reason === 'unknown_key' ? ('unknown_key' as const) : ('invalid' as const) };
  const register = await readRegisterForSignedSerial(deps, checked.fields.serial);
  return { signature: 'valid' as const, register };
}
