import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { auditPolicy } from './audit-policy';
import { auditQuery } from './audit-query';
import { AUDIT_EXPORT_MAX_ROWS, ZAuditFilterSchema } from './audit-schema';
import { recordAudit } from './record-audit';

const HEADER = [
  'id',
  'at',
  'actor_user_id',
  'actor_name',
  'action',
  'record_type',
  'record_id',
  'reason',
  'request_id',
  'details',
];

/** One CSV field: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The filtered audit log as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese names), at
 * most AUDIT_EXPORT_MAX_ROWS entries; the export itself is audited, with its filters.
 */
export async function exportAuditLog(options: { deps: CoreDeps; actor: Actor; filter: unknown }) {
  const { deps, actor } = options;
  enforce(auditPolicy.export, actor, undefined);
  const { before: _before, limit: _limit, ...filter } = parseOrThrow(ZAuditFilterSchema, options.filter);
  const rows = await auditQuery(deps, filter, AUDIT_EXPORT_MAX_ROWS);
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        String(r.id),
        r.at.toISOString(),
        r.actorUserId ?? '',
        r.actorName ?? '',
        r.action,
        r.recordType,
        r.recordId,
        r.reason ?? '',
        r.requestId ?? '',
        r.details ? JSON.stringify(r.details) : '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'audit_log.export',
      recordType: 'audit_log',
      recordId: 'export',
      details: {
        rows: rows.length,
        ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])),
      },
    },
  });
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length };
}
