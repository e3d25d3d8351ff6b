import type { CoreDeps } from '../deps';
import { parseCertificatePayload, verifyCertificatePayload } from './certificate-signing';
import { listSigningKeys } from './list-signing-keys';
import { verifyCertificate } from './verify-certificate';

/**
 * Checks a scanned QR payload for someone without an Ed25519 library: is the signature the office's,
 * and — only if it is — what the register says of that serial now (valid, expired, revoked).
 * A forged or altered payload is answered as such and reveals nothing about any certificate.
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
  const register = await verifyCertificate({ deps, serial: checked.fields.serial, channel: 'api' });
  return { signature: 'valid' as const, register };
}
