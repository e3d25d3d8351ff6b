// Builds what a person sees of an application — form, documents, history, certificate — for the
// applicant's page and the officer's review screen. Not a use case itself.
import { asc, eq, inArray } from 'drizzle-orm';
import {
  applicationDocuments,
  applicationEvents,
  certificates,
  storedFiles,
  users,
  villages,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import { allows, canFlags } from '../auth/policy';
import { verifyPageUrl } from '../config';
import type { CoreDeps } from '../deps';
import { applicationPolicy } from './application-policy';
import type { ApplicationRow } from './application-records';
import { requiredDocuments } from './application-schema';
import { certificatePolicy } from './certificate-policy';
import { certificateStanding } from './certificate-standing';
import { changesSinceReturn } from './changes-since-return';
import { certificateQrText } from './qr-text';

export async function applicationView(deps: CoreDeps, row: ApplicationRow, options: { forOfficer: boolean }) {
  const { db } = deps;
  const [village] = row.villageId
    ? await db.select({ name: villages.name }).from(villages).where(eq(villages.id, row.villageId))
    : [];
  const documents = await db
    .select({
      id: applicationDocuments.id,
      kind: applicationDocuments.kind,
      label: applicationDocuments.label,
      fileName: storedFiles.fileName,
      source: applicationDocuments.source,
      createdAt: applicationDocuments.createdAt,
      contentType: storedFiles.contentType,
      sizeBytes: storedFiles.sizeBytes,
    })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, row.id))
    .orderBy(asc(applicationDocuments.createdAt));
  const events = await db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, row.id))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((x): x is string => !!x))];
  const names = new Map(
    actorIds.length
      ? (
          await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, actorIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const [certificate] = await db
    .select({
      serial: certificates.serial,
      status: certificates.status,
      issuedAt: certificates.issuedAt,
      validUntil: certificates.validUntil,
      checkCode: certificates.checkCode,
      payload: certificates.payload,
      revokeReason: certificates.revokeReason,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .where(eq(certificates.applicationId, row.id));
  const now = deps.clock.now();
  return {
    id: row.id,
    status: row.status,
    villageId: row.villageId,
    villageName: village?.name ?? null,
    form: row.form,
    version: row.version,
    submissionCount: row.submissionCount,
    submittedAt: row.submittedAt,
    deadlineAt: row.deadlineAt,
    decidedAt: row.decidedAt,
    overdue: isOpen(row) && !!row.deadlineAt && row.deadlineAt < now,
    returnItems: row.returnItems,
    rejectReason: row.rejectReason,
    requiredDocuments: requiredDocuments(row.form as never),
    documents,
    history: events.map((e) => ({
      type: e.type,
      at: e.at,
      details: e.details ?? {},
      // The applicant learns that "the office" acted, not which officer — names are for colleagues.
      by: (!e.actorUserId ? 'system' : e.actorUserId === row.applicantUserId ? 'applicant' : 'officer') as
        | 'system'
        | 'applicant'
        | 'officer',
      ...(options.forOfficer && e.actorUserId ? { actorName: names.get(e.actorUserId) ?? null } : {}),
    })),
    certificate: certificate
      ? {
          ...certificate,
          // Revoked beats expired beats valid: the one rule every certificate view follows.
          standing: certificateStanding(certificate, now),
          verifyUrl: verifyPageUrl(deps.config, certificate.serial, certificate.checkCode),
          qrText: certificateQrText(deps.config, certificate),
        }
      : null,
  };
}

export type ApplicationView = Awaited<ReturnType<typeof applicationView>>;

export function isOpen(row: Pick<ApplicationRow, 'status'>): boolean {
  return row.status === 'submitted' || row.status === 'in_review';
}

/**
 * For the review screen: who applied, who owns it, what this officer may do (the policies' flags)
 * and, on a resubmission still to be decided, what changed since the return.
 */
export async function officerExtras(
  deps: CoreDeps,
  row: ApplicationRow,
  actor: Actor,
  view: ApplicationView,
) {
  const { certificate } = view;
  const ids = [row.applicantUserId, ...(row.ownerOfficerId ? [row.ownerOfficerId] : [])];
  const people = await deps.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '';
  return {
    applicant: { userId: row.applicantUserId, displayName: nameOf(row.applicantUserId) },
    owner: row.ownerOfficerId
      ? { userId: row.ownerOfficerId, displayName: nameOf(row.ownerOfficerId) }
      : null,
    changesSinceReturn:
      row.returnSnapshot && isOpen(row)
        ? changesSinceReturn(row.returnSnapshot, {
            form: row.form,
            villageId: row.villageId,
            documents: view.documents,
          })
        : null,
    can: {
      ...canFlags(applicationPolicy, actor, row, ['claim', 'decide', 'handOver'] as const),
      revoke:
        !!certificate &&
        allows(certificatePolicy.revoke, actor, {
          holderUserId: row.applicantUserId,
          villageId: row.villageId,
          status: certificate.status,
        }),
    },
  };
}
