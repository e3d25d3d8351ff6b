// The roles and ownership rules every review workflow shares (首问负责制): reviewers of a record's
// village decide, admins look and reassign; the first reviewer who takes a record up owns it until a
// recorded handover. Aggregate policies compose these. Pure: importable by the mini app.
import type { OfficerRole } from '../../db/schema/officer-roles';
import { type Actor, canActInVillage } from '../auth/actor';
import type { ErrorCode } from '../errors';

/** Reviewers decide; admins may look, reassign and revoke (never decide). */
export const REVIEW_DECIDERS = ['reviewer'] as const satisfies readonly OfficerRole[];
export const REVIEW_OFFICERS = ['reviewer', 'admin'] as const satisfies readonly OfficerRole[];

/** What the ownership rules look at. */
export interface OwnedRecord {
  villageId: number | null;
  ownerOfficerId: string | null;
}

/** Who may take a record over: a reviewer of its village (a handover target or a new owner). */
export function canOwnInVillage(actor: Actor, villageId: number | null): boolean {
  return canActInVillage(actor, REVIEW_DECIDERS, villageId);
}

/** A claim needs the record waiting (`claimable`) and nobody owning it yet. */
export function claimRefusal(r: OwnedRecord, claimable: boolean): ErrorCode | null {
  return claimable && !r.ownerOfficerId ? null : 'invalid_transition';
}

/** Decisions are the owner's alone. */
export function ownerRefusal(actor: Actor, r: OwnedRecord): ErrorCode | null {
  return r.ownerOfficerId === actor.userId ? null : 'not_owner';
}

/** A handover: by its owner, or an admin reassigning work. */
export function handOverRefusal(actor: Actor, r: OwnedRecord): ErrorCode | null {
  return r.ownerOfficerId === actor.userId || actor.roles.some((g) => g.role === 'admin')
    ? null
    : 'not_owner';
}
