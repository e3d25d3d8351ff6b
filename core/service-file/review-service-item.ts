// The reviewer's side of a submitted item, on the shared review workflow (core/review): claim
// (首问负责), hand over, verify with a signed receipt, return with every reason at once (一次性告知),
// and record what the office itself did (training attended).
import { eq } from 'drizzle-orm';
import { serviceItems, serviceSubmissions } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { claimForReview } from '../review/claim-for-review';
import { handOverForReview, type THandOver } from '../review/hand-over-review';
import { checklistText } from '../review/return-checklist';
import { meetItem } from './meet-item';
import { addItemEvent, loadItemFor, SERVICE_ITEM_REVIEW_TABLE } from './service-file-records';
import type { TReturnServiceItem } from './service-file-schema';

const itemPath = (kind: string) => `service-file/items/${kind}`;

export async function claimServiceItem(options: { deps: CoreDeps; actor: Actor; itemId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const item = await loadItemFor(tx, actor, options.itemId, 'claim', { forUpdate: true });
    await claimForReview(tx, SERVICE_ITEM_REVIEW_TABLE, {
      id: item.id,
      waitingStatus: 'submitted',
      ownerUserId: actor.userId,
      now,
      set: { updatedAt: now },
    });
    await addItemEvent(tx, deps, { itemId: item.id, type: 'claimed', actorUserId: actor.userId });
  });
  return { status: 'submitted' as const, ownerOfficerId: actor.userId };
}

export async function handOverServiceItem(options: {
  deps: CoreDeps;
  actor: Actor;
  itemId: string;
  input: THandOver;
}) {
  const { deps, actor } = options;
  const item = await loadItemFor(deps.db, actor, options.itemId, 'handOver');
  return handOverForReview({
    deps,
    actor,
    record: item,
    input: options.input,
    table: SERVICE_ITEM_REVIEW_TABLE,
    addEvent: (tx, details) =>
      addItemEvent(tx, deps, { itemId: item.id, type: 'handed_over', actorUserId: actor.userId, details }),
    audit: { action: 'service_item.hand_over', recordType: 'service_item' },
    notify: {
      messageKey: 'serviceFile:notify.officerHandedOver',
      textKey: 'serviceFile:notify.openReview',
      path: `review/service-file/items/${item.id}`,
    },
  });
}

/** The owner confirms the check-up took place (date, clinic) or the proof is in order: met, receipt signed. */
export async function verifyServiceItem(options: { deps: CoreDeps; actor: Actor; itemId: string }) {
  const { deps, actor } = options;
  const result = await deps.db.transaction(async (tx) => {
    const item = await loadItemFor(tx, actor, options.itemId, 'decide', { forUpdate: true });
    return {
      item,
      met: await meetItem(tx, deps, item, {
        ...(item.currentSubmissionId ? { submissionId: item.currentSubmissionId } : {}),
        decidedBy: actor.userId,
      }),
    };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_item.verify',
      recordType: 'service_item',
      recordId: result.item.id,
      details: { kind: result.item.kind },
    },
  });
  await deps.jobs.send({
    type: 'notify-user',
    userId: result.item.userId,
    messageKey: 'serviceFile:notify.verified',
    params: {},
    button: { textKey: 'serviceFile:notify.open', path: itemPath(result.item.kind) },
  });
  return { status: 'verified' as const, receipt: result.met.receipt, verifiedOn: result.met.verifiedOn };
}

/** The owner sends it back listing everything wrong at once; the person sees the checklist. */
export async function returnServiceItem(options: {
  deps: CoreDeps;
  actor: Actor;
  itemId: string;
  input: TReturnServiceItem;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const item = await deps.db.transaction(async (tx) => {
    const current = await loadItemFor(tx, actor, options.itemId, 'decide', { forUpdate: true });
    await tx
      .update(serviceItems)
      .set({
        status: 'returned',
        returnItems: input.items,
        deadlineAt: null,
        overdueAt: null,
        updatedAt: now,
      })
      .where(eq(serviceItems.id, current.id));
    if (current.currentSubmissionId)
      await tx
        .update(serviceSubmissions)
        .set({ status: 'returned', decidedAt: now, decidedBy: actor.userId, returnItems: input.items })
        .where(eq(serviceSubmissions.id, current.currentSubmissionId));
    await addItemEvent(tx, deps, {
      itemId: current.id,
      type: 'returned',
      actorUserId: actor.userId,
      details: { items: input.items },
    });
    return current;
  });
  await deps.jobs.send({
    type: 'notify-user',
    userId: item.userId,
    messageKey: 'serviceFile:notify.returned',
    params: { count: input.items.length, items: checklistText(input.items) },
    button: { textKey: 'serviceFile:notify.open', path: itemPath(item.kind) },
  });
  return { status: 'returned' as const };
}

/** A reviewer records what the office did itself: the pre-departure training was attended. */
export async function recordServiceItem(options: { deps: CoreDeps; actor: Actor; itemId: string }) {
  const { deps, actor } = options;
  const result = await deps.db.transaction(async (tx) => {
    const item = await loadItemFor(tx, actor, options.itemId, 'record', { forUpdate: true });
    return { item, met: await meetItem(tx, deps, item, { decidedBy: actor.userId }) };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_item.record',
      recordType: 'service_item',
      recordId: result.item.id,
      details: { kind: result.item.kind },
    },
  });
  return { status: 'verified' as const, receipt: result.met.receipt, verifiedOn: result.met.verifiedOn };
}
