import { eq } from 'drizzle-orm';
import { certificates, certificateVerifications } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { maskIdNumber, maskName } from './mask';
import { todayInShanghai } from './working-days';

export type VerificationResult = 'valid' | 'expired' | 'revoked' | 'not_found';

export interface FoundCertificate {
  serial: string;
  result: Exclude<VerificationResult, 'not_found'>;
  holder: { name: string; idNumber: string; sex: 'male' | 'female' };
  maritalStatus: string;
  childrenCount: number;
  issuer: string;
  issuedAt: Date;
  validUntil: string;
  revokedAt: Date | null;
  keyId: string;
}

/**
 * The public check anyone shown a certificate can make, without logging in: valid, expired or
 * revoked, with only masked personal data. Each check is counted (time, serial, answer — no IP).
 */
export async function verifyCertificate(options: {
  deps: CoreDeps;
  serial: string;
  channel: 'page' | 'api';
}): Promise<FoundCertificate | { serial: string; result: 'not_found' }> {
  const { deps } = options;
  const serial = options.serial.trim().toUpperCase().slice(0, 64);
  const [cert] = await deps.db.select().from(certificates).where(eq(certificates.serial, serial));
  const result: VerificationResult = !cert
    ? 'not_found'
    : cert.status === 'revoked'
      ? 'revoked'
      : cert.validUntil < todayInShanghai(deps.clock.now())
        ? 'expired'
        : 'valid';
  await deps.db
    .insert(certificateVerifications)
    .values({ serial, result, channel: options.channel, at: deps.clock.now() });
  if (!cert || result === 'not_found') return { serial, result: 'not_found' };
  return {
    serial,
    result,
    holder: {
      name: maskName(cert.data.name),
      idNumber: maskIdNumber(cert.data.idNumber),
      sex: cert.data.sex,
    },
    maritalStatus: cert.data.maritalStatus,
    childrenCount: cert.data.children.length,
    issuer: cert.data.issuer.name,
    issuedAt: cert.issuedAt,
    validUntil: cert.validUntil,
    revokedAt: cert.revokedAt,
    keyId: cert.keyId,
  };
}
