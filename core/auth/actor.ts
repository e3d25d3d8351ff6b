// Who is acting, with which roles and scopes. Scope rule: an officer acts only within their
// villages (null = township-wide); a resident acts only on their own records. The rules built on
// these are in each aggregate's policy (core/auth/policy.ts).
import type { OfficerRole } from '../../db/schema/officer-roles';

export interface RoleGrant {
  role: OfficerRole;
  /** null: township-wide. */
  villageIds: number[] | null;
}

export interface Actor {
  userId: string;
  telegramId: number;
  villageId: number | null;
  roles: RoleGrant[];
  /** Signed in at a desk (a browser session, not the Telegram mini app): acts only as an officer. */
  desk?: true;
}

export function hasRole(actor: Actor, roles: OfficerRole | readonly OfficerRole[]): boolean {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  return actor.roles.some((g) => wanted.includes(g.role));
}

/** True when one of `roles` lets the actor act on a record of `villageId`. */
export function canActInVillage(
  actor: Actor,
  roles: OfficerRole | readonly OfficerRole[],
  villageId: number | null,
): boolean {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  return actor.roles.some(
    (g) =>
      wanted.includes(g.role) &&
      (g.villageIds === null || (villageId !== null && g.villageIds.includes(villageId))),
  );
}

/** Village ids the actor may see for these roles; null = all of them. */
export function villagesInScope(actor: Actor, roles: OfficerRole | readonly OfficerRole[]): number[] | null {
  const wanted = typeof roles === 'string' ? [roles] : roles;
  const grants = actor.roles.filter((g) => wanted.includes(g.role));
  if (grants.some((g) => g.villageIds === null)) return null;
  return [...new Set(grants.flatMap((g) => g.villageIds ?? []))];
}
