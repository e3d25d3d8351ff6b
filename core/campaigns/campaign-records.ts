// Shared by the campaign use cases: loading a campaign with the policy's access checks, history
// events and the officers' chat notifications. Not a use case itself.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  type CampaignAudience,
  type CampaignEventType,
  campaignEvents,
  campaigns,
  officerRoles,
  villages,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import { allows, couldEver, enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { notifyUser } from '../notifications/notify-user';
import { type CampaignRecord, campaignPolicy } from './campaign-policy';

export type CampaignRow = typeof campaigns.$inferSelect;
/** A transaction or the db: history and state change together or not at all. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export async function findCampaign(db: Tx, campaignId: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * A campaign the actor may `action` (campaign-policy.ts decides): forbidden without the role before
 * anything is looked up, then not_found, out_of_scope, not_author, own_campaign, invalid_transition.
 */
export async function loadCampaignFor(
  db: Tx,
  actor: Actor,
  campaignId: string,
  action: keyof typeof campaignPolicy,
  options: { forUpdate?: boolean } = {},
) {
  const rule = campaignPolicy[action];
  if (!couldEver(rule, actor)) throw new AppError('forbidden');
  const row = await findCampaign(db, campaignId, options);
  if (!row) throw new AppError('not_found');
  enforce(rule, actor, row);
  return row;
}

/** A draft-to-be with this audience: what the create rule judges (and an audience count). */
export function proposedCampaign(actor: Actor, audience: CampaignAudience): CampaignRecord {
  return { createdBy: actor.userId, status: 'draft', audience };
}

/** Audience villages must exist and lie within the officer's scope. */
export async function assertAudienceAllowed(db: Tx, actor: Actor, audience: CampaignAudience): Promise<void> {
  if (audience.villageIds.length > 0) {
    const found = await db
      .select({ id: villages.id })
      .from(villages)
      .where(inArray(villages.id, audience.villageIds));
    if (found.length !== new Set(audience.villageIds).size)
      throw new AppError('validation_failed', {
        fields: [{ path: 'audience.villageIds', message: 'campaigns:validation.unknownVillage' }],
      });
  }
  enforce(campaignPolicy.create, actor, proposedCampaign(actor, audience));
}

export async function addCampaignEvent(
  db: Tx,
  deps: CoreDeps,
  event: {
    campaignId: string;
    type: CampaignEventType;
    actorUserId: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(campaignEvents).values({ ...event, at: deps.clock.now() });
}

/** A chat message to the campaign's author, in their language, with a button to the campaign page. */
export async function notifyAuthor(
  deps: CoreDeps,
  row: Pick<CampaignRow, 'id' | 'createdBy'>,
  messageKey: string,
  params: Record<string, string | number> = {},
): Promise<void> {
  await notifyUser({
    deps,
    message: {
      userId: row.createdBy,
      messageKey: `campaigns:notify.${messageKey}`,
      params,
      button: { textKey: 'campaigns:notify.open', path: `publicity/campaigns/${row.id}` },
    },
  });
}

/** Everyone the approve rule lets approve it: publicity officers in scope and admins, never the author. */
export async function notifyApprovers(deps: CoreDeps, row: CampaignRow): Promise<number> {
  const grants = await deps.db
    .select({ userId: officerRoles.userId, role: officerRoles.role, villageIds: officerRoles.villageIds })
    .from(officerRoles)
    .where(inArray(officerRoles.role, ['publicity', 'admin']));
  const approvers = new Set<string>();
  for (const g of grants) {
    const actor: Actor = {
      userId: g.userId,
      telegramId: 0,
      villageId: null,
      roles: [{ role: g.role, villageIds: g.villageIds ?? null }],
    };
    if (allows(campaignPolicy.approve, actor, row)) approvers.add(g.userId);
  }
  for (const userId of approvers) {
    await notifyUser({
      deps,
      message: {
        userId,
        messageKey: 'campaigns:notify.awaitingApproval',
        params: {},
        button: { textKey: 'campaigns:notify.open', path: `publicity/campaigns/${row.id}` },
      },
    });
  }
  return approvers.size;
}
