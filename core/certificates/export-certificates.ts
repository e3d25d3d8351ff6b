import { and, asc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificates, users, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { csvStream, exportFileName } from '../exports/csv';
import { type Language, translator } from '../i18n';
import { shanghaiDateTime } from './application-records';
import { certificatePolicy } from './certificate-policy';
import { certificateStanding } from './certificate-standing';
import { maskIdNumber } from './mask';
import type { TCertificateExport } from './review-search-schema';
import { todayInShanghai } from './working-days';

const PAGE = 500;
const c = certificates;
/** Midnight in China (UTC+8, no daylight saving) at the start of an ISO day. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The register of issued certificates of the officer's villages as a spreadsheet (serial, holder,
 * masked ID number, village, dates, standing). Streamed; audited with the filters before any row.
 */
export async function exportCertificates(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TCertificateExport;
  language: Language;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const scope = ruleScope(certificatePolicy.export, actor);
  const today = todayInShanghai(now);
  const where: SQL[] = [];
  if (scope !== null) where.push(scope.length ? inArray(c.villageId, scope) : sql`false`);
  if (input.villageId) where.push(eq(c.villageId, input.villageId));
  if (input.state === 'revoked') where.push(eq(c.status, 'revoked'));
  if (input.state === 'valid') where.push(eq(c.status, 'valid'), gte(c.validUntil, today));
  if (input.state === 'expired') where.push(eq(c.status, 'valid'), lt(c.validUntil, today));
  if (input.issuedFrom) where.push(gte(c.issuedAt, chinaMidnight(input.issuedFrom)));
  if (input.issuedTo)
    where.push(lt(c.issuedAt, new Date(chinaMidnight(input.issuedTo).getTime() + 24 * 3600_000)));
  const filter = and(...where);
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate.export',
      recordType: 'certificate',
      recordId: '*',
      details: {
        villageId: input.villageId ?? null,
        state: input.state ?? null,
        issuedFrom: input.issuedFrom ?? null,
        issuedTo: input.issuedTo ?? null,
      },
    },
  });
  const t = translator(options.language, 'app');
  const issuer = alias(users, 'issuer');
  const body = csvStream<{ issuedAt: Date; id: string }>({
    header: [
      'serial',
      'holder',
      'idNumber',
      'village',
      'issuedAt',
      'validUntil',
      'state',
      'revokedAt',
      'issuedBy',
    ].map((k) => t(`export.certificates.${k}`)),
    nextPage: async (cursor) => {
      const rows = await deps.db
        .select({
          id: c.id,
          serial: c.serial,
          data: c.data,
          village: villages.name,
          issuedAt: c.issuedAt,
          validUntil: c.validUntil,
          status: c.status,
          revokedAt: c.revokedAt,
          issuedBy: issuer.displayName,
        })
        .from(c)
        .leftJoin(villages, eq(villages.id, c.villageId))
        .leftJoin(issuer, eq(issuer.id, c.issuedBy))
        .where(
          cursor
            ? and(
                filter,
                or(
                  gt(c.issuedAt, cursor.issuedAt),
                  and(eq(c.issuedAt, cursor.issuedAt), gt(c.id, cursor.id)),
                ),
              )
            : filter,
        )
        .orderBy(asc(c.issuedAt), asc(c.id))
        .limit(PAGE);
      const last = rows.at(-1);
      return {
        cursor: rows.length === PAGE && last ? { issuedAt: last.issuedAt, id: last.id } : null,
        rows: rows.map((r) => [
          r.serial,
          r.data.name,
          maskIdNumber(r.data.idNumber),
          r.village,
          shanghaiDateTime(r.issuedAt),
          r.validUntil,
          t(`export.certificateState.${certificateStanding(r, now)}`),
          r.revokedAt ? shanghaiDateTime(r.revokedAt) : '',
          r.issuedBy,
        ]),
      };
    },
  });
  return { body, fileName: exportFileName('certificates', now) };
}
