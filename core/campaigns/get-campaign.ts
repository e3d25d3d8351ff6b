import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { campaignEvents, campaignVariants, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { canFlags } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { CAMPAIGN_VIEW_ACTIONS, campaignPolicy } from './campaign-policy';
import { type CampaignRow, loadCampaignFor } from './campaign-records';

/** The officer's campaign page: content, audience, workflow state, history and what they may do now. */
export async function getCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const row = await loadCampaignFor(deps.db, actor, options.campaignId, 'read');
  const variants = await deps.db
    .select()
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, row.id))
    .orderBy(asc(campaignVariants.language));
  const actorUser = alias(users, 'actor_user');
  const history = await deps.db
    .select({
      type: campaignEvents.type,
      at: campaignEvents.at,
      details: campaignEvents.details,
      actorName: actorUser.displayName,
    })
    .from(campaignEvents)
    .leftJoin(actorUser, eq(actorUser.id, campaignEvents.actorUserId))
    .where(eq(campaignEvents.campaignId, row.id))
    .orderBy(asc(campaignEvents.at), asc(campaignEvents.id));
  const names = await userNames(deps, [row.createdBy, row.approvedBy, row.cancelledBy]);
  return {
    ...campaignSummary(row),
    audience: row.audience,
    resendOf: row.resendOf,
    createdBy: { userId: row.createdBy, displayName: names.get(row.createdBy) ?? '' },
    approvedBy: row.approvedBy
      ? { userId: row.approvedBy, displayName: names.get(row.approvedBy) ?? '' }
      : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    variants: variants.map((v) => ({
      language: v.language,
      text: v.text,
      button: v.button,
      hasImage: v.imageFileId !== null,
      updatedAt: v.updatedAt.toISOString(),
    })),
    history: history.map((h) => ({
      type: h.type,
      at: h.at.toISOString(),
      details: h.details ?? {},
      actorName: h.actorName,
    })),
    can: canFlags(campaignPolicy, actor, row, CAMPAIGN_VIEW_ACTIONS),
  };
}

export function campaignSummary(row: CampaignRow) {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    status: row.status,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function userNames(deps: CoreDeps, ids: (string | null)[]) {
  const map = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => x !== null))) {
    const [u] = await deps.db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
    if (u) map.set(id, u.name);
  }
  return map;
}
