// Who may do what with a tip-off and its reward — the tables the use cases enforce, the handler's and
// finance screens' `can` flags read and the routes' guards derive from. Pure: no db, importable by the
// mini app. The reporter is not an Actor here: they act with the receipt (lookup-tip-by-receipt.ts),
// which no officer role replaces.
import type { Actor } from '../auth/actor';
import { hasRole } from '../auth/actor';
import { firstRefusal, type Policy } from '../auth/policy';
import type { ErrorCode } from '../errors';
import type { RewardStatus, TipActionName, TipStatus } from './tipoff-schema';

export interface TipRecord {
  status: TipStatus;
  ownerOfficerId: string | null;
}

export interface RewardRecord {
  status: RewardStatus;
  amountYuan: number;
  proposedBy: string;
  approvedBy: string | null;
}

/** Case handlers act on tips; admins look, reassign and edit the reward table (never decide a case). */
const HANDLERS = ['case_handler'] as const;
const CASE_STAFF = ['case_handler', 'admin'] as const;
const FINANCE = ['finance'] as const;
const FINANCE_STAFF = ['finance', 'admin'] as const;

/** The workflow: which step may follow which status. */
export const TIP_TRANSITIONS: Record<TipActionName, { from: readonly TipStatus[]; to: TipStatus }> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  accept: { from: ['acknowledged'], to: 'accepted' },
  out_of_scope: { from: ['received', 'acknowledged', 'accepted', 'investigating'], to: 'out_of_scope' },
  duplicate: { from: ['acknowledged'], to: 'duplicate' },
  investigate: { from: ['accepted'], to: 'investigating' },
  substantiate: { from: ['investigating'], to: 'substantiated' },
  unsubstantiate: { from: ['investigating'], to: 'unsubstantiated' },
  close: { from: ['out_of_scope', 'duplicate', 'substantiated', 'unsubstantiated'], to: 'closed' },
};

export const OPEN_TIP_STATUSES: readonly TipStatus[] = [
  'received',
  'acknowledged',
  'accepted',
  'investigating',
];

/** The owning handler; an unowned tip is open to any handler (the first to act owns it, 首问负责). */
const ownerOrFree = (actor: Actor, r: TipRecord): ErrorCode | null =>
  r.ownerOfficerId === null || r.ownerOfficerId === actor.userId ? null : 'not_owner';

const notClosed = (r: TipRecord): ErrorCode | null => (r.status === 'closed' ? 'invalid_transition' : null);

export const tipPolicy = {
  /** The queue, a tip's screen and its attachments (every read audited). */
  view: { roles: CASE_STAFF },
  /** A workflow step: the owner (or the first handler, who then owns it). Status checked per action. */
  act: { roles: HANDLERS, record: (actor, r) => ownerOrFree(actor, r) },
  /** Messages to the reporter, internal notes, linking to an earlier tip: the owner, while open. */
  write: {
    roles: HANDLERS,
    record: (actor, r) =>
      firstRefusal(
        () => notClosed(r),
        () => ownerOrFree(actor, r),
      ),
  },
  /** Pass the case to another handler: its owner, or an admin reassigning work. */
  handOver: {
    roles: CASE_STAFF,
    record: (actor, r) =>
      firstRefusal(
        () => notClosed(r),
        () => (r.ownerOfficerId === actor.userId || hasRole(actor, 'admin') ? null : 'not_owner'),
      ),
  },
  /** Propose a reward for a substantiated tip: its owner. */
  proposeReward: {
    roles: HANDLERS,
    record: (actor, r) =>
      firstRefusal(
        () => (r.status === 'substantiated' || r.status === 'closed' ? null : 'invalid_transition'),
        () => (r.ownerOfficerId === actor.userId ? null : 'not_owner'),
      ),
  },
  /** The charts (counts only). */
  charts: { roles: ['case_handler', 'finance', 'admin'] },
} satisfies Policy<TipRecord>;

/** Whether `action` may follow the tip's status (the workflow, not who). */
export function transitionRefusal(action: TipActionName, status: TipStatus): ErrorCode | null {
  return TIP_TRANSITIONS[action].from.includes(status) ? null : 'invalid_transition';
}

export const rewardPolicy = {
  /** The rewards list and ledger (no reporter data). */
  view: { roles: FINANCE_STAFF },
  /**
   * Approve: a finance officer, never the proposer. At or above the threshold a second approval by a
   * different finance officer or an admin — neither the proposer nor the first approver.
   */
  approve: {
    roles: FINANCE_STAFF,
    record: (actor, r) =>
      firstRefusal(
        () => (r.status === 'proposed' || r.status === 'awaiting_second' ? null : 'invalid_transition'),
        () => (r.proposedBy === actor.userId ? 'forbidden' : null),
        () =>
          r.status === 'proposed'
            ? hasRole(actor, 'finance')
              ? null
              : 'forbidden'
            : r.approvedBy === actor.userId
              ? 'forbidden'
              : null,
      ),
  },
  /** Decline a proposal (with a reason): finance or admin, not the proposer. */
  decline: {
    roles: FINANCE_STAFF,
    record: (actor, r) =>
      firstRefusal(
        () => (r.status === 'proposed' || r.status === 'awaiting_second' ? null : 'invalid_transition'),
        () => (r.proposedBy === actor.userId ? 'forbidden' : null),
      ),
  },
  /** Mark a reward claimed in person (the office scanned the receipt's QR). */
  claimInPerson: {
    roles: FINANCE,
    record: (_actor, r) => (r.status === 'approved' ? null : 'invalid_transition'),
  },
  /** Read the bank details given with a claim (audited). */
  readBankDetails: {
    roles: FINANCE,
    record: (_actor, r) => (r.status === 'claimed' ? null : 'invalid_transition'),
  },
  /** Mark it paid with a reference (the bank details are deleted then). */
  markPaid: {
    roles: FINANCE,
    record: (_actor, r) => (r.status === 'claimed' ? null : 'invalid_transition'),
  },
  /** Edit the published reward table. */
  editTiers: { roles: ['admin'] },
} satisfies Policy<RewardRecord>;

/** Needs a second approval: at or above the threshold (default ¥5,000). */
export function needsSecondApproval(amountYuan: number, thresholdYuan: number): boolean {
  return amountYuan >= thresholdYuan;
}
