import { asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  storedFiles,
  tipAttachments,
  tipEvents,
  tipMessages,
  tipRewards,
  tips,
  users,
  villages,
} from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { canFlags } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { getRewardTiers } from './get-reward-tiers';
import { rewardItem } from './list-rewards';
import { loadTipFor } from './tip-records';
import { TIP_TRANSITIONS, tipPolicy, transitionRefusal } from './tipoff-policy';
import type { TipActionName } from './tipoff-schema';

/** A tip's screen for a case handler or admin: content, history, conversation, notes. Audited. */
export async function openTip(options: { deps: CoreDeps; actor: Actor; tipId: string }) {
  const { deps, actor } = options;
  const tip = await loadTipFor(deps.db, actor, options.tipId, 'view');
  await recordAudit({
    deps,
    entry: { actorUserId: actor.userId, action: 'tip.read', recordType: 'tip', recordId: tip.id },
  });
  const author = alias(users, 'author');
  const [owner, village, events, messages, attachments, rewards, related, tiers] = await Promise.all([
    tip.ownerOfficerId
      ? deps.db.select({ name: users.displayName }).from(users).where(eq(users.id, tip.ownerOfficerId))
      : Promise.resolve([]),
    tip.villageId
      ? deps.db.select({ name: villages.name }).from(villages).where(eq(villages.id, tip.villageId))
      : Promise.resolve([]),
    deps.db
      .select({
        type: tipEvents.type,
        at: tipEvents.at,
        day: tipEvents.day,
        note: tipEvents.note,
        visible: tipEvents.visible,
        actorName: author.displayName,
      })
      .from(tipEvents)
      .leftJoin(author, eq(author.id, tipEvents.actorOfficerId))
      .where(eq(tipEvents.tipId, tip.id))
      .orderBy(asc(tipEvents.id)),
    deps.db
      .select({
        id: tipMessages.id,
        kind: tipMessages.kind,
        at: tipMessages.at,
        day: tipMessages.day,
        text: tipMessages.text,
        authorName: author.displayName,
      })
      .from(tipMessages)
      .leftJoin(author, eq(author.id, tipMessages.authorOfficerId))
      .where(eq(tipMessages.tipId, tip.id))
      .orderBy(asc(tipMessages.id)),
    deps.db
      .select({
        id: tipAttachments.id,
        contentType: storedFiles.contentType,
        sizeBytes: storedFiles.sizeBytes,
        keptMetadata: tipAttachments.keptMetadata,
        day: tipAttachments.day,
      })
      .from(tipAttachments)
      .innerJoin(storedFiles, eq(storedFiles.id, tipAttachments.fileId))
      .where(eq(tipAttachments.tipId, tip.id)),
    deps.db
      .select()
      .from(tipRewards)
      .where(eq(tipRewards.tipId, tip.id))
      .orderBy(desc(tipRewards.proposedAt)),
    deps.db
      .select({ id: tips.id, number: tips.number })
      .from(tips)
      .where(inArray(tips.id, [tip.matterTipId, ...(tip.duplicateOfTipId ? [tip.duplicateOfTipId] : [])])),
    getRewardTiers({ deps }),
  ]);
  const linked = await deps.db
    .select({ number: tips.number })
    .from(tips)
    .where(eq(tips.matterTipId, tip.matterTipId))
    .orderBy(asc(tips.number));
  const numberOf = (id: string | null) => related.find((r) => r.id === id)?.number ?? null;
  const can = canFlags(tipPolicy, actor, tip, ['act', 'write', 'handOver', 'proposeReward'] as const);
  const nextActions = (Object.keys(TIP_TRANSITIONS) as TipActionName[]).filter(
    (a) => can.act && transitionRefusal(a, tip.status) === null,
  );
  const reward = rewards[0] ? await rewardItem(deps, actor, rewards[0], tip) : null;
  return {
    id: tip.id,
    number: tip.number,
    day: tip.day,
    category: tip.category,
    status: tip.status,
    triage: tip.triage,
    finding: tip.finding,
    outOfScopeReason: tip.outOfScopeReason,
    content:
      tip.what === null
        ? null
        : {
            villageId: tip.villageId,
            villageName: village[0]?.name ?? null,
            place: tip.place,
            what: tip.what,
            period: tip.period ?? '',
            provider: tip.provider,
          },
    ownerOfficerId: tip.ownerOfficerId,
    ownerName: owner[0]?.name ?? null,
    deadlines: {
      ackDueAt: tip.ackDueAt.toISOString(),
      triageDueAt: tip.triageDueAt.toISOString(),
      outcomeDueAt: tip.outcomeDueAt.toISOString(),
    },
    overdueStage: tip.overdueStage,
    overdueCount: tip.overdueCount,
    matterNumber: numberOf(tip.matterTipId),
    duplicateOfNumber: numberOf(tip.duplicateOfTipId),
    linkedNumbers: linked.map((l) => l.number).filter((n) => n !== tip.number),
    closingSummary: tip.closingSummary,
    events: events.map((e) => ({ ...e, at: e.at?.toISOString() ?? null })),
    messages: messages.map((m) => ({ ...m, at: m.at?.toISOString() ?? null })),
    attachments,
    reward,
    tier: tiers.tiers.find((t) => t.category === tip.category)!,
    can: { ...can, proposeReward: can.proposeReward && !reward },
    nextActions,
  };
}
