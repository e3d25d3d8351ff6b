import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { auditPolicy } from './audit-policy';
import { auditQuery } from './audit-query';
import { AUDIT_PAGE_SIZE, ZAuditFilterSchema } from './audit-schema';

/** One page of the audit log under the filters, newest first; `nextBefore` asks for the next page. */
export async function listAuditLog(options: { deps: CoreDeps; actor: Actor; filter: unknown }) {
  const { deps, actor } = options;
  enforce(auditPolicy.read, actor, undefined);
  const filter = parseOrThrow(ZAuditFilterSchema, options.filter);
  const limit = filter.limit ?? AUDIT_PAGE_SIZE;
  const rows = await auditQuery(deps, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { entries: page, nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
