// Where an issued certificate stands today: revoked beats expired beats valid. One rule for every view
// that shows a certificate (the bot's /status, the applicant's list, the reviewer's queue). Browser-safe.
import { todayInShanghai } from '../review/working-days';

export type CertificateStanding = 'valid' | 'expired' | 'revoked';

export function certificateStanding(
  cert: { status: 'valid' | 'revoked'; validUntil: string },
  now: Date,
): CertificateStanding {
  if (cert.status === 'revoked') return 'revoked';
  return cert.validUntil < todayInShanghai(now) ? 'expired' : 'valid';
}
