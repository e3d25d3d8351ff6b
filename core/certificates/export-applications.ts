import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificateApplications, certificates, users, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { csvStream, exportFileName } from '../exports/csv';
import { type Language, translator } from '../i18n';
import { shanghaiDateTime } from './application-records';
import { certificateStanding } from './certificate-standing';
import { APPLICANT_ID_SQL, reviewQueueWhere } from './list-review-queue';
import { maskIdNumber } from './mask';
import { classifySearch, type TApplicationExport } from './review-search-schema';

const PAGE = 500;
const a = certificateApplications;

/**
 * The review queue as a spreadsheet, with the filters (and search) on screen, only the reviewer's
 * villages; ID numbers masked as in every officer list. Streamed a page at a time, and audited with
 * the filters (never a search term) before the first row leaves.
 */
export async function exportApplications(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TApplicationExport;
  language: Language;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const { q, ...filters } = input;
  const search = q ? classifySearch(q) : undefined;
  const where = reviewQueueWhere({ actor, now, filters, search });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.export',
      recordType: 'certificate_application',
      recordId: '*',
      details: {
        view: search ? null : filters.view,
        villageId: filters.villageId ?? null,
        mine: filters.mine === 'true',
        overdue: filters.overdue === 'true',
        search: search?.kind ?? null,
      },
    },
  });
  const t = translator(options.language, 'app');
  const owner = alias(users, 'owner');
  const when = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
  const body = csvStream<{ createdAt: Date; id: string }>({
    header: [
      'id',
      'status',
      'village',
      'applicant',
      'idNumber',
      'submittedAt',
      'deadlineAt',
      'overdue',
      'decidedAt',
      'owner',
      'submissions',
      'serial',
      'certificate',
    ].map((k) => t(`export.applications.${k}`)),
    nextPage: async (cursor) => {
      const rows = await deps.db
        .select({
          id: a.id,
          createdAt: a.createdAt,
          status: a.status,
          village: villages.name,
          name: sql<string | null>`${a.form} #>> '{applicant,name}'`,
          idNumber: sql<string | null>`${APPLICANT_ID_SQL}`,
          submittedAt: a.submittedAt,
          deadlineAt: a.deadlineAt,
          decidedAt: a.decidedAt,
          owner: owner.displayName,
          submissions: a.submissionCount,
          serial: certificates.serial,
          certificateStatus: certificates.status,
          validUntil: certificates.validUntil,
        })
        .from(a)
        .leftJoin(villages, eq(villages.id, a.villageId))
        .leftJoin(certificates, eq(certificates.applicationId, a.id))
        .leftJoin(owner, eq(owner.id, a.ownerOfficerId))
        .where(
          cursor
            ? and(
                where,
                or(
                  gt(a.createdAt, cursor.createdAt),
                  and(eq(a.createdAt, cursor.createdAt), gt(a.id, cursor.id)),
                ),
              )
            : where,
        )
        .orderBy(asc(a.createdAt), asc(a.id))
        .limit(PAGE);
      const last = rows.at(-1);
      return {
        cursor: rows.length === PAGE && last ? { createdAt: last.createdAt, id: last.id } : null,
        rows: rows.map((r) => {
          const overdue =
            (r.status === 'submitted' || r.status === 'in_review') && !!r.deadlineAt && r.deadlineAt < now;
          const standing =
            r.certificateStatus && r.validUntil
              ? certificateStanding({ status: r.certificateStatus, validUntil: r.validUntil }, now)
              : null;
          return [
            r.id,
            t(`certStatus.${r.status}`),
            r.village,
            r.name,
            r.idNumber ? maskIdNumber(r.idNumber) : '',
            when(r.submittedAt),
            when(r.deadlineAt),
            overdue ? t('export.yes') : t('export.no'),
            when(r.decidedAt),
            r.owner,
            r.submissions,
            r.serial,
            standing ? t(`export.certificateState.${standing}`) : '',
          ];
        }),
      };
    },
  });
  return { body, fileName: exportFileName('applications', now) };
}
