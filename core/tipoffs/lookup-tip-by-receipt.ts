import { asc, desc, eq } from 'drizzle-orm';
import { storedFiles, tipAttachments, tipEvents, tipMessages, tipRewards, villages } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { signTipReceipt } from './submit-tip';
import { findTipByReceipt, type TipRow, townshipCodeOf } from './tip-records';
import { MAX_ATTACHMENTS_PER_TIP } from './tipoff-schema';

/** Statuses in which the reporter may still write and attach (not once it is closed). */
const REPORTER_OPEN = new Set([
  'received',
  'acknowledged',
  'accepted',
  'investigating',
  'substantiated',
  'unsubstantiated',
  'out_of_scope',
  'duplicate',
]);

/**
 * What the reporter sees with the receipt, on every channel: status, the steps with their notes, the
 * conversation (no internal notes, no officer names), their attachments, the closing summary and the
 * reward. Wrong receipt: not_found (the transport counts it against the guessing budget).
 */
export async function lookupTipByReceipt(options: { deps: CoreDeps; receipt: string }) {
  const { deps } = options;
  const tip = await findTipByReceipt(deps.db, deps, options.receipt);
  return reporterView(deps, tip);
}

export async function reporterView(deps: CoreDeps, tip: TipRow) {
  const [events, messages, attachments, rewardRows, village] = await Promise.all([
    deps.db
      .select({ type: tipEvents.type, day: tipEvents.day, note: tipEvents.note, visible: tipEvents.visible })
      .from(tipEvents)
      .where(eq(tipEvents.tipId, tip.id))
      .orderBy(asc(tipEvents.id)),
    deps.db
      .select({ id: tipMessages.id, kind: tipMessages.kind, day: tipMessages.day, text: tipMessages.text })
      .from(tipMessages)
      .where(eq(tipMessages.tipId, tip.id))
      .orderBy(asc(tipMessages.id)),
    deps.db
      .select({
        id: tipAttachments.id,
        keptMetadata: tipAttachments.keptMetadata,
        day: tipAttachments.day,
        contentType: storedFiles.contentType,
      })
      .from(tipAttachments)
      .innerJoin(storedFiles, eq(storedFiles.id, tipAttachments.fileId))
      .where(eq(tipAttachments.tipId, tip.id)),
    deps.db
      .select()
      .from(tipRewards)
      .where(eq(tipRewards.tipId, tip.id))
      .orderBy(desc(tipRewards.proposedAt)),
    tip.villageId
      ? deps.db.select({ name: villages.name }).from(villages).where(eq(villages.id, tip.villageId))
      : Promise.resolve([]),
  ]);
  const reward = rewardRows[0];
  // The reporter learns of a reward once it is approved (proposals may still be declined).
  const shownReward =
    reward && ['approved', 'claimed', 'paid', 'lapsed'].includes(reward.status)
      ? {
          status: reward.status,
          amountYuan: reward.amountYuan,
          claimDeadline: reward.claimDeadline?.toISOString() ?? null,
          claimMethod: reward.claimMethod,
        }
      : null;
  const open = REPORTER_OPEN.has(tip.status);
  const purged = tip.what === null;
  const townshipCode = await townshipCodeOf(deps, tip.townshipId);
  return {
    number: tip.number,
    day: tip.day,
    category: tip.category,
    status: tip.status,
    triage: tip.triage,
    finding: tip.finding,
    outOfScopeReason: tip.outOfScopeReason,
    content: purged
      ? null
      : {
          villageId: tip.villageId,
          villageName: village[0]?.name ?? null,
          place: tip.place,
          what: tip.what!,
          period: tip.period!,
          provider: tip.provider,
        },
    events: events.filter((e) => e.visible).map((e) => ({ type: e.type, day: e.day, note: e.note })),
    messages: messages
      .filter((m) => m.kind !== 'note')
      .map((m) => ({ id: m.id, from: m.kind as 'reporter' | 'handler', day: m.day, text: m.text })),
    attachments: attachments.map((a) => ({
      id: a.id,
      contentType: a.contentType,
      keptMetadata: a.keptMetadata,
      day: a.day,
    })),
    closingSummary: tip.closingSummary,
    reward: shownReward,
    canWrite: open && !purged,
    canAttach: open && !purged && attachments.length < MAX_ATTACHMENTS_PER_TIP,
    canClaim: reward?.status === 'approved',
    signedReceipt: await signTipReceipt(deps, {
      townshipCode,
      number: tip.number,
      day: tip.day,
      category: tip.category,
      contentHash: tip.contentHash,
    }),
  };
}

export type ReporterTipView = Awaited<ReturnType<typeof reporterView>>;
