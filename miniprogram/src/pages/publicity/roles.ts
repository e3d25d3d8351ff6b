// Who may do what with campaigns and the guide, as the mini app shows it (the API checks again):
// publicity officers compose within their villages; publicity officers and admins approve, cancel,
// read the figures and edit the service guide.
import type { RoleGrant } from '../../lib/api/endpoints';

type Grants = readonly Pick<RoleGrant, 'role' | 'villageIds'>[];

/** Publicity officers and admins: the campaign list, approvals, figures, guide editing. */
export function isPublicityStaff(roles: Grants): boolean {
  return roles.some((r) => r.role === 'publicity' || r.role === 'admin');
}

/** Only publicity officers write campaigns. */
export function canCompose(roles: Grants): boolean {
  return roles.some((r) => r.role === 'publicity');
}

/** Villages a publicity officer may address; null = the whole township (an empty choice = all). */
export function composeScope(roles: Grants): number[] | null {
  const grants = roles.filter((r) => r.role === 'publicity');
  if (grants.some((g) => g.villageIds === null)) return null;
  return [...new Set(grants.flatMap((g) => g.villageIds ?? []))];
}
