import { and, eq, gte } from 'drizzle-orm';
import { certificates } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { todayInShanghai } from '../review/working-days';
import { importSigningKey } from './certificate-signing';
import { buildStatusList, STATUS_LIST_TTL_SECONDS } from './status-list';

/**
 * The public, signed list of revoked certificates still within their validity (an expired one fails
 * on its own date), freshly signed with the current key; anyone may cache it for its time-to-live.
 */
export async function getStatusList(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  const { keyId, seed } = deps.config.certificates.signingKey;
  const rows = await deps.db
    .select({ serial: certificates.serial })
    .from(certificates)
    .where(and(eq(certificates.status, 'revoked'), gte(certificates.validUntil, todayInShanghai(now))));
  const text = await buildStatusList({
    revokedSerials: rows.map((r) => r.serial),
    key: await importSigningKey(seed, keyId),
    now,
  });
  return { text, maxAgeSeconds: STATUS_LIST_TTL_SECONDS };
}
