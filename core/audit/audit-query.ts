import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { endOfShanghaiDay } from '../certificates/working-days';
import type { CoreDeps } from '../deps';
import type { TAuditFilter } from './audit-schema';

const startOfShanghaiDay = (day: string) => new Date(endOfShanghaiDay(day).getTime() + 1 - 86_400_000);

/** The filtered entries, newest first, with the acting officer's name. Shared by the list and the export. */
export function auditQuery(deps: CoreDeps, filter: TAuditFilter, limit: number) {
  const where: SQL[] = [];
  if (filter.actorUserId) where.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.recordType) where.push(eq(auditLog.recordType, filter.recordType));
  if (filter.recordId) where.push(eq(auditLog.recordId, filter.recordId));
  if (filter.from) where.push(gte(auditLog.at, startOfShanghaiDay(filter.from)));
  if (filter.to) where.push(lt(auditLog.at, new Date(endOfShanghaiDay(filter.to).getTime() + 1)));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  return deps.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      reason: auditLog.reason,
      requestId: auditLog.requestId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
