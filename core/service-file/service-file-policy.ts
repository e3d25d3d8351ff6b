// Who may do what with a service file (八个一) and its items — the one table the use cases enforce,
// the views' `can` flags read and the route guards derive from. Pure: no db, importable by the mini app.
import type { Actor } from '../auth/actor';
import { firstRefusal, ownOrOfficer, type Policy, type Rule, villageRefusal } from '../auth/policy';
import type { ErrorCode } from '../errors';
import {
  claimRefusal,
  handOverRefusal,
  ownerRefusal,
  REVIEW_DECIDERS,
  REVIEW_OFFICERS,
} from '../review/review-ownership';
import { type FileStatus, ITEM_ACTIONS, type ItemKind, type ItemStatus } from './service-file-schema';

/** What the rules look at: an item row (or its view) with its file's status. */
export interface ServiceItemRecord {
  userId: string;
  villageId: number | null;
  kind: ItemKind;
  status: ItemStatus;
  ownerOfficerId: string | null;
  fileStatus: FileStatus;
}

/** Someone else's file does not exist for the person side: ids cannot be probed. */
const ownerOnly = (actor: Actor, r: Pick<ServiceItemRecord, 'userId'>): ErrorCode | null =>
  r.userId === actor.userId ? null : 'not_found';

const officerSees = (actor: Actor, r: Pick<ServiceItemRecord, 'villageId'>): ErrorCode | null =>
  villageRefusal(actor, REVIEW_OFFICERS, r.villageId);

const activeFile = (r: ServiceItemRecord): ErrorCode | null =>
  r.fileStatus === 'active' ? null : 'invalid_transition';

/** The person hands something in for an item of their own, active file, that is not waiting for review. */
const personActs =
  (action: (typeof ITEM_ACTIONS)[ItemKind]): Rule<ServiceItemRecord>['record'] =>
  (actor, r) =>
    firstRefusal(
      () => ownerOnly(actor, r),
      () => activeFile(r),
      () => (ITEM_ACTIONS[r.kind] === action ? null : 'invalid_transition'),
      () => (r.status === 'submitted' ? 'invalid_transition' : null),
    );

export const serviceFilePolicy = {
  /** Read one's own file (and open it: registering as leaving). */
  readOwn: { roles: 'anyone', record: ownerOnly },
  /** Upload a check-up report or a proof document. */
  upload: { roles: 'anyone', record: personActs('upload') },
  /** Acknowledge the service agreement. */
  acknowledge: { roles: 'anyone', record: personActs('acknowledge') },
  /** Confirm contact details. */
  confirm: { roles: 'anyone', record: personActs('confirm') },
  /** Ask for a livelihood service (job, training, legal-aid information). */
  request: {
    roles: 'anyone',
    record: (actor, r) =>
      firstRefusal(
        () => ownerOnly(actor, r),
        () => activeFile(r),
      ),
  },
  /** The verification queue, the dashboard and a person's file (read access audited). */
  view: { roles: REVIEW_OFFICERS, record: officerSees },
  /** A health record or an uploaded report: the person, or an officer of the village (audited). */
  readHealth: {
    roles: 'anyone',
    record: (actor, r) => ownOrOfficer(actor, r.userId, () => officerSees(actor, r)),
  },
  /** Take up a submitted, unowned item (领取, 首问负责). */
  claim: {
    roles: REVIEW_DECIDERS,
    record: (actor, r) =>
      firstRefusal(
        () => villageRefusal(actor, REVIEW_DECIDERS, r.villageId),
        () => claimRefusal(r, r.status === 'submitted'),
      ),
  },
  /** Verify or return (with every reason at once): only the owning reviewer, while it is submitted. */
  decide: {
    roles: REVIEW_DECIDERS,
    record: (actor, r) =>
      firstRefusal(
        () => villageRefusal(actor, REVIEW_DECIDERS, r.villageId),
        () => ownerRefusal(actor, r),
        () => (r.status === 'submitted' ? null : 'invalid_transition'),
      ),
  },
  /** Record what the office itself does (pre-departure training attended). */
  record: {
    roles: REVIEW_DECIDERS,
    record: (actor, r) =>
      firstRefusal(
        () => villageRefusal(actor, REVIEW_DECIDERS, r.villageId),
        () => activeFile(r),
        () => (ITEM_ACTIONS[r.kind] === 'officer' && r.status !== 'verified' ? null : 'invalid_transition'),
      ),
  },
  /** Pass a submitted item to another reviewer of its village: its owner, or an admin. */
  handOver: {
    roles: REVIEW_OFFICERS,
    record: (actor, r) =>
      firstRefusal(
        () => officerSees(actor, r),
        () => (r.status === 'submitted' ? null : 'invalid_transition'),
        () => handOverRefusal(actor, r),
      ),
  },
  /** Answer a livelihood request of the village. */
  answer: {
    roles: REVIEW_DECIDERS,
    record: (actor, r) => villageRefusal(actor, REVIEW_DECIDERS, r.villageId),
  },
  /** Publish a new version of the service agreement (township-wide). */
  publishAgreement: { roles: ['admin'] },
} satisfies Policy<ServiceItemRecord>;

export type ServiceFileAction = keyof typeof serviceFilePolicy;
/** The `can` flags of an item seen by an officer. */
export const OFFICER_ITEM_ACTIONS = ['claim', 'decide', 'handOver', 'record', 'readHealth'] as const;
/** The `can` flags of an item seen by its person. */
export const PERSON_ITEM_ACTIONS = ['upload', 'acknowledge', 'confirm', 'request'] as const;
