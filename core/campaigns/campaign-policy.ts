// Who may do what with a publicity campaign — the one table the use cases enforce, the campaign
// page's `can` flags read and the routes' guards derive from. Pure: no db, importable by the mini app.
import type { CampaignAudience, CampaignStatus } from '../../db/schema/campaigns';
import { type Actor, hasRole, villagesInScope } from '../auth/actor';
import { firstRefusal, type Policy, type Rule } from '../auth/policy';
import type { ErrorCode } from '../errors';

export interface CampaignRecord {
  createdBy: string;
  status: CampaignStatus;
  audience: Pick<CampaignAudience, 'villageIds'>;
}

/** Compose, submit, schedule, resend: publicity officers. */
const COMPOSERS = ['publicity'] as const;
/** Read, approve (never their own), return, cancel, test-send: publicity officers and admins. */
const STAFF = ['publicity', 'admin'] as const;
const CANCELLABLE: readonly CampaignStatus[] = ['draft', 'submitted', 'approved', 'scheduled', 'sending'];
const PUBLISHED: readonly CampaignStatus[] = ['sending', 'sent'];

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

const inScope =
  (roles: readonly ('publicity' | 'admin')[]) =>
  (actor: Actor, c: CampaignRecord): ErrorCode | null =>
    audienceInScope(actor, roles, c.audience) ? null : 'out_of_scope';
const status = (c: CampaignRecord, allowed: readonly CampaignStatus[]) => () =>
  allowed.includes(c.status) ? null : ('invalid_transition' as const);
const author = (actor: Actor, c: CampaignRecord) => () =>
  c.createdBy === actor.userId ? null : 'not_author';
const notAuthor = (actor: Actor, c: CampaignRecord) => () =>
  c.createdBy === actor.userId ? ('own_campaign' as const) : null;

const editDraft: Rule<CampaignRecord> = {
  roles: COMPOSERS,
  record: (actor, c) =>
    firstRefusal(() => inScope(COMPOSERS)(actor, c), author(actor, c), status(c, ['draft'])),
};

export const campaignPolicy = {
  /** The workbench list, a campaign's page, the live audience count, progress and figures. */
  read: { roles: STAFF, record: inScope(STAFF) },
  /** Start a draft for an audience within one's villages (the record is the draft to be). */
  create: { roles: COMPOSERS, record: inScope(COMPOSERS) },
  /** Change title, audience, variants and images: the author, while it is a draft. */
  edit: editDraft,
  /** Hand the draft to approval: the same rule as editing it. */
  submit: editDraft,
  /** The author takes a submitted or approved campaign back to change it. */
  withdraw: {
    roles: STAFF,
    record: (actor, c) =>
      firstRefusal(() => inScope(STAFF)(actor, c), author(actor, c), status(c, ['submitted', 'approved'])),
  },
  /** Four eyes: a different publicity officer in scope, or an admin, approves a submitted campaign. */
  approve: {
    roles: STAFF,
    record: (actor, c) =>
      firstRefusal(() => inScope(STAFF)(actor, c), notAuthor(actor, c), status(c, ['submitted'])),
  },
  /** An approver sends a submitted campaign back to its author with a note. */
  return: {
    roles: STAFF,
    record: (actor, c) =>
      firstRefusal(() => inScope(STAFF)(actor, c), notAuthor(actor, c), status(c, ['submitted'])),
  },
  /** Send an approved campaign now or at a time (publicity officers only). */
  schedule: {
    roles: COMPOSERS,
    record: (actor, c) =>
      firstRefusal(() => inScope(COMPOSERS)(actor, c), status(c, ['approved', 'scheduled'])),
  },
  /** Stop it at any point before it is sent (audited). */
  cancel: {
    roles: STAFF,
    record: (actor, c) => firstRefusal(() => inScope(STAFF)(actor, c), status(c, CANCELLABLE)),
  },
  /** One variant to one's own chat, at any stage. */
  testSend: { roles: STAFF, record: inScope(STAFF) },
  /** A new round to exactly the failed deliveries of a sent campaign. */
  resendFailed: {
    roles: COMPOSERS,
    record: (actor, c) => firstRefusal(() => inScope(COMPOSERS)(actor, c), status(c, ['sent'])),
  },
  /** A variant's image: public once the campaign is out; before that, staff in scope only. */
  readImage: {
    roles: 'anyone',
    record: (actor, c) =>
      PUBLISHED.includes(c.status) ? null : hasRole(actor, STAFF) ? inScope(STAFF)(actor, c) : 'not_found',
  },
} satisfies Policy<CampaignRecord>;

/** The actions a campaign page shows as buttons (`view.can`). */
export const CAMPAIGN_VIEW_ACTIONS = [
  'edit',
  'submit',
  'withdraw',
  'approve',
  'return',
  'schedule',
  'cancel',
  'testSend',
  'resendFailed',
] as const;

/** Villages an officer may address when composing; null = the whole township (an empty choice = all). */
export function composeScope(actor: Actor): number[] | null {
  return villagesInScope(actor, COMPOSERS);
}
