// Who may do what with a certificate application — the one table the use cases enforce, the views'
// `can` flags read and the review routes' guards derive from. Pure: no db, importable by the mini app.
import type { Actor } from '../auth/actor';
import { firstRefusal, ownOrOfficer, type Policy, type Rule, villageRefusal } from '../auth/policy';
import type { ErrorCode } from '../errors';
import {
  canOwnInVillage,
  claimRefusal,
  handOverRefusal,
  ownerRefusal,
  REVIEW_DECIDERS,
  REVIEW_OFFICERS,
} from '../review/review-ownership';

/** What the rules look at; an application row (or its view) has these fields. */
export interface ApplicationRecord {
  applicantUserId: string;
  villageId: number | null;
  status: 'draft' | 'submitted' | 'in_review' | 'returned' | 'issued' | 'rejected';
  ownerOfficerId: string | null;
}

/** Statuses in which the applicant may still change the form and documents. */
export const EDITABLE_STATUSES: readonly ApplicationRecord['status'][] = ['draft', 'returned'];
const HANDOVER_STATUSES: readonly ApplicationRecord['status'][] = ['submitted', 'in_review', 'returned'];

/** Reviewers decide; admins may look, reassign and revoke (never decide) — core/review/review-ownership.ts. */
const DECIDERS = REVIEW_DECIDERS;
const OFFICERS = REVIEW_OFFICERS;

/** Someone else's application does not exist for the applicant side: ids cannot be probed. */
const applicantOnly = (actor: Actor, r: ApplicationRecord): ErrorCode | null =>
  r.applicantUserId === actor.userId ? null : 'not_found';

/** An officer sees submitted applications of their villages; drafts are the applicant's private notes. */
const officerSees = (actor: Actor, r: ApplicationRecord): ErrorCode | null =>
  firstRefusal(
    () => (r.status === 'draft' ? 'not_found' : null),
    () => villageRefusal(actor, OFFICERS, r.villageId),
  );

const view: Rule<ApplicationRecord> = { roles: OFFICERS, record: officerSees };

export const applicationPolicy = {
  /** Start one's own application (one open at a time, enforced by the database). */
  start: { roles: 'anyone' },
  /** Read one's own application page. */
  readOwn: { roles: 'anyone', record: applicantOnly },
  /** Change the form or documents, or (re)submit: the applicant, while it is a draft or returned. */
  edit: {
    roles: 'anyone',
    record: (actor, r) =>
      firstRefusal(
        () => applicantOnly(actor, r),
        () => (EDITABLE_STATUSES.includes(r.status) ? null : 'application_locked'),
      ),
  },
  /** The review queue, the dashboard and an application's review screen (audited). */
  view,
  /** A document's bytes: the applicant, or an officer who may see the application (audited). */
  readDocument: {
    roles: 'anyone',
    record: (actor, r) => ownOrOfficer(actor, r.applicantUserId, () => officerSees(actor, r)),
  },
  /** A reviewer of its village takes up a submitted, unowned application and owns it (领取办理, 首问负责). */
  claim: {
    roles: DECIDERS,
    record: (actor, r) =>
      firstRefusal(
        () => officerSees(actor, r),
        () => claimRefusal(r, r.status === 'submitted'),
      ),
  },
  /** Issue, return with a checklist, reject: only the owning reviewer, while it is in review. */
  decide: {
    roles: DECIDERS,
    record: (actor, r) =>
      firstRefusal(
        () => officerSees(actor, r),
        () => villageRefusal(actor, DECIDERS, r.villageId),
        () => ownerRefusal(actor, r),
        () => (r.status === 'in_review' ? null : 'invalid_transition'),
      ),
  },
  /** Pass it to another reviewer of its village: its owner, or an admin reassigning work. */
  handOver: {
    roles: OFFICERS,
    record: (actor, r) =>
      firstRefusal(
        () => officerSees(actor, r),
        () => (HANDOVER_STATUSES.includes(r.status) ? null : 'invalid_transition'),
        () => handOverRefusal(actor, r),
      ),
  },
} satisfies Policy<ApplicationRecord>;

/** Who may take over an application: a reviewer of its village (a handover target or a new owner). */
export function canOwn(actor: Actor, r: Pick<ApplicationRecord, 'villageId'>): boolean {
  return canOwnInVillage(actor, r.villageId);
}
