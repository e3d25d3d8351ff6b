import { auditLog } from '../../db/schema';
import type { CoreDeps } from '../deps';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  recordType: string;
  recordId: string;
  reason?: string;
  /** Identifiers and counts only — never names, ID numbers, health data or message text. */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(options: { deps: CoreDeps; entry: AuditEntry }): Promise<void> {
  const { db, clock, requestId } = options.deps;
  await db.insert(auditLog).values({ ...options.entry, at: clock.now(), requestId });
}
