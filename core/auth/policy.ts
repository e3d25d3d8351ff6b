// The shape every aggregate's policy takes: per action, the roles that could ever do it (what route
// guards and the mini app's page gating read) and, given the record, why this actor may not (what
// use cases enforce and views expose as `can` flags). Pure: no db, importable by the mini app.
import type { OfficerRole } from '../../db/schema/officer-roles';
import { AppError, type ErrorCode } from '../errors';
import { type Actor, canActInVillage, hasRole, villagesInScope } from './actor';

export interface Rule<R> {
  /** Roles that could ever do it; 'anyone' = every signed-in person (the record then decides). */
  roles: readonly OfficerRole[] | 'anyone';
  /** Given the record: the refusal (an AppError code), or null when this actor may. */
  record?: (actor: Actor, record: R) => ErrorCode | null;
}

/** One aggregate's table of rules, action → rule. */
export type Policy<R> = Record<string, Rule<R>>;

/** Checks rules in the order they were written: the first refusal wins. */
export function firstRefusal(...checks: (() => ErrorCode | null)[]): ErrorCode | null {
  for (const check of checks) {
    const code = check();
    if (code) return code;
  }
  return null;
}

/** forbidden without one of `roles`; out_of_scope when none of those grants covers `villageId`. */
export function villageRefusal(
  actor: Actor,
  roles: readonly OfficerRole[],
  villageId: number | null,
): ErrorCode | null {
  if (!hasRole(actor, roles)) return 'forbidden';
  return canActInVillage(actor, roles, villageId) ? null : 'out_of_scope';
}

/** Someone else's record, asked for by a person with no office: it does not exist for them. */
export function ownOrOfficer(actor: Actor, ownerUserId: string, officer: () => ErrorCode | null) {
  // At a desk a person acts only in their office: their own records open only in the mini app.
  if (ownerUserId === actor.userId && !actor.desk) return null;
  return actor.roles.length === 0 ? 'not_found' : officer();
}

/** Role-level: could this actor ever do it (without looking at a record)? Route guards derive from it. */
export function couldEver<R>(rule: Rule<R>, actor: Actor): boolean {
  return rule.roles === 'anyone' || hasRole(actor, rule.roles);
}

/**
 * For lists: the villages whose records the actor may see under this rule (null = all of them);
 * forbidden when the actor could never do it at all.
 */
export function ruleScope<R>(rule: Rule<R>, actor: Actor): number[] | null {
  if (!couldEver(rule, actor)) throw new AppError('forbidden');
  // A rule open to anyone decides per record, not per village: scope such a list to nothing.
  return rule.roles === 'anyone' ? [] : villagesInScope(actor, rule.roles);
}

/** Why `actor` may not do it to `record` (forbidden without the role), or null when allowed. */
export function refusal<R>(rule: Rule<R>, actor: Actor, record: R): ErrorCode | null {
  if (!couldEver(rule, actor)) return 'forbidden';
  return rule.record ? rule.record(actor, record) : null;
}

export function allows<R>(rule: Rule<R>, actor: Actor, record: R): boolean {
  return refusal(rule, actor, record) === null;
}

/** What use cases call: throws the refusal's AppError, so each transport maps it once. */
export function enforce<R>(rule: Rule<R>, actor: Actor, record: R): void {
  const code = refusal(rule, actor, record);
  if (code) throw new AppError(code);
}

/** The `can` flags of a view: every action of the policy for this actor and record. */
export function canFlags<R, P extends Policy<R>>(
  policy: P,
  actor: Actor,
  record: R,
  actions: readonly (keyof P)[],
): Record<(typeof actions)[number], boolean> {
  return Object.fromEntries(actions.map((a) => [a, allows(policy[a]!, actor, record)])) as Record<
    (typeof actions)[number],
    boolean
  >;
}
