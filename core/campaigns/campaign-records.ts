// Shared by the campaign use cases: loading a campaign with access checks, the workflow's permission
// rules, history events and the officers' chat notifications. Not a use case itself.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  type CampaignAudience,
  type CampaignEventType,
  type CampaignStatus,
  campaignEvents,
  campaigns,
  officerRoles,
  villages,
} from '../../db/schema';
import { type Actor, hasRole, villagesInScope } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { notifyUser } from '../notifications/notify-user';

export type CampaignRow = typeof campaigns.$inferSelect;
/** A transaction or the db: history and state change together or not at all. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Compose, submit, schedule, send tests, resend: publicity officers. */
export const COMPOSE_ROLES = ['publicity'] as const;
/** Approve (never their own), cancel, read figures: publicity officers and admins. */
export const APPROVE_ROLES = ['publicity', 'admin'] as const;

/**
 * An audience is within an officer's scope when every village it names is one of theirs; an audience
 * of "all villages" needs a township-wide grant.
 */
export function audienceInScope(
  actor: Actor,
  roles: readonly ('publicity' | 'admin')[],
  audience: Pick<CampaignAudience, 'villageIds'>,
): boolean {
  const scope = villagesInScope(actor, roles);
  if (scope === null) return hasRole(actor, roles);
  if (audience.villageIds.length === 0) return false;
  return audience.villageIds.every((v) => scope.includes(v));
}

export async function findCampaign(db: Tx, campaignId: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** A campaign an officer may see: publicity officers and admins whose villages cover its audience. */
export async function loadCampaignInScope(
  db: Tx,
  actor: Actor,
  campaignId: string,
  options: { forUpdate?: boolean; roles?: readonly ('publicity' | 'admin')[] } = {},
) {
  const roles = options.roles ?? APPROVE_ROLES;
  if (!hasRole(actor, roles)) throw new AppError('forbidden');
  const row = await findCampaign(db, campaignId, options);
  if (!row) throw new AppError('not_found');
  if (!audienceInScope(actor, roles, row.audience)) throw new AppError('out_of_scope');
  return row;
}

/** Only the author edits and submits a draft: what the approver reads is what the author wrote. */
export function assertAuthor(actor: Actor, row: CampaignRow): void {
  if (row.createdBy !== actor.userId) throw new AppError('not_author');
}

export function assertCampaignStatus(row: CampaignRow, allowed: readonly CampaignStatus[]): void {
  if (!allowed.includes(row.status)) throw new AppError('invalid_transition');
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
  if (!audienceInScope(actor, COMPOSE_ROLES, audience)) throw new AppError('out_of_scope');
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

/** Everyone who could approve: publicity officers in scope and admins, never the author. */
export async function notifyApprovers(deps: CoreDeps, row: CampaignRow): Promise<number> {
  const grants = await deps.db
    .select({ userId: officerRoles.userId, role: officerRoles.role, villageIds: officerRoles.villageIds })
    .from(officerRoles)
    .where(and(inArray(officerRoles.role, [...APPROVE_ROLES])));
  const approvers = new Set<string>();
  for (const g of grants) {
    if (g.userId === row.createdBy) continue;
    const actor: Actor = {
      userId: g.userId,
      telegramId: 0,
      villageId: null,
      roles: [{ role: g.role, villageIds: g.villageIds ?? null }],
    };
    if (audienceInScope(actor, APPROVE_ROLES, row.audience)) approvers.add(g.userId);
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
