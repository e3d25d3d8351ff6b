// What reviewers read: the verification queue, one item with its submission and history, the report
// file's bytes and a person's whole file. Every read of a health record or a person's file is audited.
import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  serviceItemEvents,
  serviceItems,
  serviceSubmissions,
  storedFiles,
  users,
  villages,
} from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce, ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { handoverCandidates } from '../review/handover-candidates';
import { serviceFilePolicy } from './service-file-policy';
import {
  fileView,
  findFileOf,
  findItem,
  itemView,
  loadFileItems,
  loadItemFor,
  today,
} from './service-file-records';
import { REVIEWED_KINDS, type ReviewedKind, type TServiceQueueQuery } from './service-file-schema';

/** Submitted items of the officer's villages, the nearest review deadline first, overdue marked. */
export async function listServiceQueue(options: { deps: CoreDeps; actor: Actor; query: TServiceQueueQuery }) {
  const { deps, actor, query } = options;
  const scope = ruleScope(serviceFilePolicy.view, actor);
  const now = deps.clock.now();
  const i = serviceItems;
  const owner = alias(users, 'owner');
  const where: SQL[] = [eq(i.status, 'submitted'), inArray(i.kind, [...REVIEWED_KINDS])];
  if (scope !== null) where.push(scope.length ? inArray(i.villageId, scope) : sql`false`);
  if (query.villageId) where.push(eq(i.villageId, query.villageId));
  if (query.kind) where.push(eq(i.kind, query.kind));
  if (query.mine === 'true') where.push(eq(i.ownerOfficerId, actor.userId));
  if (query.overdue === 'true') where.push(lt(i.deadlineAt, now));
  const rows = await deps.db
    .select({
      id: i.id,
      kind: i.kind,
      userId: i.userId,
      displayName: users.displayName,
      villageId: i.villageId,
      villageName: villages.name,
      submittedAt: i.submittedAt,
      deadlineAt: i.deadlineAt,
      ownerOfficerId: i.ownerOfficerId,
      ownerName: owner.displayName,
    })
    .from(i)
    .innerJoin(users, eq(users.id, i.userId))
    .leftJoin(villages, eq(villages.id, i.villageId))
    .leftJoin(owner, eq(owner.id, i.ownerOfficerId))
    .where(and(...where))
    .orderBy(asc(i.deadlineAt), asc(i.id))
    .limit(query.limit)
    .offset(query.offset);
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: count() })
    .from(i)
    .where(and(...where));
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      kind: r.kind as ReviewedKind,
      overdue: !!r.deadlineAt && r.deadlineAt < now,
    })),
  };
}

async function auditRead(deps: CoreDeps, actor: Actor, action: string, recordType: string, recordId: string) {
  await recordAudit({ deps, entry: { actorUserId: actor.userId, action, recordType, recordId } });
}

/** One item for its reviewers: the current submission (health parts audited), history, `can` flags. */
export async function getReviewItem(options: { deps: CoreDeps; actor: Actor; itemId: string }) {
  const { deps, actor } = options;
  const item = await loadItemFor(deps.db, actor, options.itemId, 'view');
  const owner = alias(users, 'owner');
  const [person] = await deps.db
    .select({ displayName: users.displayName, villageName: villages.name, ownerName: owner.displayName })
    .from(users)
    .leftJoin(villages, eq(villages.id, item.villageId ?? -1))
    .leftJoin(owner, eq(owner.id, item.ownerOfficerId ?? users.id))
    .where(eq(users.id, item.userId));
  const submissions = await deps.db
    .select({
      id: serviceSubmissions.id,
      status: serviceSubmissions.status,
      details: serviceSubmissions.details,
      hasFile: sql<boolean>`${serviceSubmissions.fileId} is not null`,
      contentType: storedFiles.contentType,
      fileDeletedAt: serviceSubmissions.fileDeletedAt,
      healthErasedAt: serviceSubmissions.healthErasedAt,
      submittedAt: serviceSubmissions.submittedAt,
      decidedAt: serviceSubmissions.decidedAt,
      decidedBy: serviceSubmissions.decidedBy,
      returnItems: serviceSubmissions.returnItems,
      receipt: serviceSubmissions.receipt,
    })
    .from(serviceSubmissions)
    .leftJoin(storedFiles, eq(storedFiles.id, serviceSubmissions.fileId))
    .where(eq(serviceSubmissions.itemId, item.id))
    .orderBy(desc(serviceSubmissions.submittedAt))
    .limit(20);
  const history = await deps.db
    .select({
      at: serviceItemEvents.at,
      type: serviceItemEvents.type,
      actorUserId: serviceItemEvents.actorUserId,
      details: serviceItemEvents.details,
    })
    .from(serviceItemEvents)
    .where(eq(serviceItemEvents.itemId, item.id))
    .orderBy(asc(serviceItemEvents.at), asc(serviceItemEvents.id));
  if (item.kind === 'health_checkup')
    await auditRead(deps, actor, 'service_file.read_health', 'service_item', item.id);
  return {
    item: itemView(actor, item, today(deps)),
    person: { userId: item.userId, displayName: person?.displayName ?? '' },
    villageName: person?.villageName ?? null,
    ownerName: item.ownerOfficerId ? (person?.ownerName ?? null) : null,
    submissions,
    history,
  };
}

/** Reviewers of the item's village, other than its owner: who it can be handed over to. */
export async function listServiceHandoverOfficers(options: { deps: CoreDeps; actor: Actor; itemId: string }) {
  const { deps, actor } = options;
  const item = await loadItemFor(deps.db, actor, options.itemId, 'view');
  return handoverCandidates(deps.db, item);
}

/** The bytes of an uploaded report or proof: the person, or an officer of the village (audited). */
export async function readServiceFileReport(options: { deps: CoreDeps; actor: Actor; submissionId: string }) {
  const { deps, actor } = options;
  const [row] = await deps.db
    .select({
      submission: serviceSubmissions,
      objectKey: storedFiles.objectKey,
      contentType: storedFiles.contentType,
      fileName: storedFiles.fileName,
    })
    .from(serviceSubmissions)
    .leftJoin(storedFiles, eq(storedFiles.id, serviceSubmissions.fileId))
    .where(eq(serviceSubmissions.id, options.submissionId));
  if (!row) throw new AppError('not_found');
  const item = await findItem(deps.db, row.submission.itemId);
  if (!item) throw new AppError('not_found');
  enforce(serviceFilePolicy.readHealth, actor, item);
  if (!row.objectKey) throw new AppError('not_found');
  if (actor.userId !== item.userId)
    await auditRead(
      deps,
      actor,
      item.kind === 'health_checkup' ? 'service_file.read_health' : 'service_file.read_document',
      'service_submission',
      row.submission.id,
    );
  const object = await deps.files.get(row.objectKey);
  if (!object) throw new AppError('not_found');
  return {
    bytes: new Uint8Array(await object.arrayBuffer()),
    contentType: row.contentType ?? 'application/octet-stream',
    fileName: row.fileName,
  };
}

/** A person's whole file for the reviewers of their village (audited). */
export async function getPersonFile(options: { deps: CoreDeps; actor: Actor; userId: string }) {
  const { deps, actor } = options;
  const file = await findFileOf(deps.db, options.userId);
  if (!file) {
    // Not found and out of scope look alike only to those who could never see files.
    ruleScope(serviceFilePolicy.view, actor);
    throw new AppError('not_found');
  }
  enforce(serviceFilePolicy.view, actor, { villageId: file.villageId } as never);
  const items = await loadFileItems(deps.db, file);
  const [person] = await deps.db
    .select({ displayName: users.displayName, villageName: villages.name })
    .from(users)
    .leftJoin(villages, eq(villages.id, file.villageId ?? -1))
    .where(eq(users.id, file.userId));
  await auditRead(deps, actor, 'service_file.read_person', 'service_file', file.id);
  return {
    ...fileView(actor, file, items, today(deps)),
    displayName: person?.displayName ?? '',
    villageName: person?.villageName ?? null,
  };
}
