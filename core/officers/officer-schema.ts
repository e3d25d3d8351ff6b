// What an admin chooses for an officer: roles and one scope for them (township-wide, or a list of
// villages), and for an invitation a note of whom it is for. Pure: route, use cases and the mini app.
import { z } from 'zod';
import { OFFICER_ROLES } from '../../db/schema/officer-roles';
import { ZId } from '../schema-primitives';

export const INVITE_LABEL_MAX_CHARS = 60;
/** Days an invitation link stays usable. */
export const INVITE_VALID_DAYS = 7;
export const MAX_SCOPE_VILLAGES = 200;

export const ZOfficerRole = z.enum(OFFICER_ROLES);

const ZScope = z
  .array(ZId)
  .min(1, { message: 'admin:validation.scopeEmpty' })
  .max(MAX_SCOPE_VILLAGES)
  .nullable()
  .transform((ids) => (ids === null ? null : [...new Set(ids)].sort((a, b) => a - b)));

const ZRoles = z
  .array(ZOfficerRole)
  .min(1, { message: 'admin:validation.rolesEmpty' })
  .max(OFFICER_ROLES.length)
  .transform((roles) => [...new Set(roles)]);

export const ZCreateInviteSchema = z
  .object({
    roles: ZRoles,
    /** null: township-wide. */
    villageIds: ZScope,
    label: z.string().trim().max(INVITE_LABEL_MAX_CHARS).default(''),
  })
  .strict();
export type TCreateInvite = z.infer<typeof ZCreateInviteSchema>;

/** The aggregates whose open records an officer owns (首问负责): core/officers/owned-work.ts. */
export const OWNED_WORK_KINDS = ['application', 'tip', 'service_item'] as const;
export type OwnedWorkKind = (typeof OWNED_WORK_KINDS)[number];

/**
 * Who takes over the work an officer could no longer own after a change: one officer for all of it,
 * or one per kind (a reviewer for applications and service-file items, a case handler for tip-offs).
 */
export const ZHandoverTo = z.union([
  z.uuid(),
  z.object({ application: z.uuid(), tip: z.uuid(), service_item: z.uuid() }).partial().strict(),
]);
export type THandoverTo = z.infer<typeof ZHandoverTo>;

/** The successor named for `kind`, if any. */
export function successorFor(handoverTo: THandoverTo | undefined, kind: OwnedWorkKind): string | undefined {
  return typeof handoverTo === 'string' ? handoverTo : handoverTo?.[kind];
}

/**
 * New roles and scope of an officer (an empty role list removes them as an officer). `handoverTo`:
 * who takes over the open work they own but could no longer own after the change.
 */
export const ZChangeOfficerSchema = z
  .object({
    roles: z
      .array(ZOfficerRole)
      .max(OFFICER_ROLES.length)
      .transform((roles) => [...new Set(roles)]),
    villageIds: ZScope,
    handoverTo: ZHandoverTo.optional(),
  })
  .strict();
export type TChangeOfficer = z.infer<typeof ZChangeOfficerSchema>;

/** The invitation token after `/start inv_` (base64url of 16 random bytes). */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
