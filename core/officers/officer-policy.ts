// Who may run the office: adding officers by invite, changing their roles and scope, removing them.
// Only a township-wide admin — an admin limited to some villages could otherwise grant themselves or
// others the whole township. Pure: no db, importable by the mini app.
import type { Actor } from '../auth/actor';
import type { Policy } from '../auth/policy';
import type { ErrorCode } from '../errors';

/** forbidden without the admin role; out_of_scope for an admin limited to some villages. */
export function townshipAdminRefusal(actor: Actor): ErrorCode | null {
  const grants = actor.roles.filter((g) => g.role === 'admin');
  if (!grants.length) return 'forbidden';
  return grants.some((g) => g.villageIds === null) ? null : 'out_of_scope';
}

const ADMIN = ['admin'] as const;

export interface OfficerRecord {
  userId: string;
}

export const officerPolicy = {
  /** The list of officers and open invitations. */
  read: { roles: ADMIN, record: (actor) => townshipAdminRefusal(actor) },
  /** Invite someone, change an officer's roles or scope, remove them (audited). */
  manage: { roles: ADMIN, record: (actor) => townshipAdminRefusal(actor) },
} satisfies Policy<OfficerRecord | undefined>;
