import { eq, sql } from 'drizzle-orm';
import { certificates, certificateVerificationCounts } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { todayInShanghai } from '../review/working-days';
import { normalizeCheckCode, sameCheckCode } from './check-code';
import { maskIdNumber, maskName } from './mask';

export type VerificationResult = 'valid' | 'expired' | 'revoked' | 'not_found';
export type VerificationChannel = 'page' | 'api';

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

export type RegisterAnswer = FoundCertificate | { serial: string; result: 'not_found' };

/**
 * The public check anyone shown a certificate can make, without logging in: valid, expired or
 * revoked, with only masked personal data. It needs the check code printed beside the serial: a
 * wrong code is answered exactly like an unknown serial (same answer, same single query), so walking
 * the sequential serials reveals nothing. Each check is counted per day and answer, never by serial.
 */
export async function verifyCertificate(options: {
  deps: CoreDeps;
  serial: string;
  code: string | null | undefined;
  channel: VerificationChannel;
}): Promise<RegisterAnswer> {
  const code = normalizeCheckCode(options.code);
  const answer = await readRegister(options.deps, options.serial, (cert) =>
    code === null ? false : sameCheckCode(cert.checkCode, code),
  );
  await countVerification(options.deps, options.channel, answer.result);
  return answer;
}

/**
 * The register's answer for a serial whose holder the caller has already shown to be genuine
 * (a QR payload carrying the office's signature on that serial): no check code needed.
 */
export async function readRegisterForSignedSerial(deps: CoreDeps, serial: string): Promise<RegisterAnswer> {
  const answer = await readRegister(deps, serial, () => true);
  await countVerification(deps, 'api', answer.result);
  return answer;
}

async function readRegister(
  deps: CoreDeps,
  rawSerial: string,
  entitled: (cert: typeof certificates.$inferSelect) => boolean,
): Promise<RegisterAnswer> {
  const serial = rawSerial.trim().toUpperCase().slice(0, 64);
  const [cert] = await deps.db.select().from(certificates).where(eq(certificates.serial, serial));
  if (!cert || !entitled(cert)) return { serial, result: 'not_found' };
  const result =
    cert.status === 'revoked'
      ? 'revoked'
      : cert.validUntil < todayInShanghai(deps.clock.now())
        ? 'expired'
        : 'valid';
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

/** One counter per day (China time), channel and answer: how much the check is used, not by whom. */
async function countVerification(deps: CoreDeps, channel: VerificationChannel, result: VerificationResult) {
  const t = certificateVerificationCounts;
  await deps.db
    .insert(t)
    .values({ day: todayInShanghai(deps.clock.now()), channel, result, count: 1 })
    .onConflictDoUpdate({ target: [t.day, t.channel, t.result], set: { count: sql`${t.count} + 1` } });
}
