import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { campaignEvents, campaignVariants, users } from '../../db/schema';
import { type Actor, hasRole } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { audienceInScope, type CampaignRow, COMPOSE_ROLES, loadCampaignInScope } from './campaign-records';

/** The officer's campaign page: content, audience, workflow state, history and what they may do now. */
export async function getCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const row = await loadCampaignInScope(deps.db, actor, options.campaignId);
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
    can: permissions(actor, row),
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

/** What the mini app shows as buttons; the use cases check the same rules again. */
export function permissions(actor: Actor, row: CampaignRow) {
  const author = row.createdBy === actor.userId;
  const composer = hasRole(actor, COMPOSE_ROLES) && audienceInScope(actor, COMPOSE_ROLES, row.audience);
  return {
    edit: author && composer && row.status === 'draft',
    submit: author && composer && row.status === 'draft',
    withdraw: author && (row.status === 'submitted' || row.status === 'approved'),
    approve: !author && row.status === 'submitted',
    return: !author && row.status === 'submitted',
    schedule: composer && (row.status === 'approved' || row.status === 'scheduled'),
    cancel: ['draft', 'submitted', 'approved', 'scheduled', 'sending'].includes(row.status),
    testSend: composer,
    resendFailed: composer && row.status === 'sent',
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
