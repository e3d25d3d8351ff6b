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

/**
 * New roles and scope of an officer (an empty role list removes them as an officer). `handoverTo`:
 * the reviewer who takes over the applications they own but could no longer own after the change.
 */
export const ZChangeOfficerSchema = z
  .object({
    roles: z
      .array(ZOfficerRole)
      .max(OFFICER_ROLES.length)
      .transform((roles) => [...new Set(roles)]),
    villageIds: ZScope,
    handoverTo: z.uuid().optional(),
  })
  .strict();
export type TChangeOfficer = z.infer<typeof ZChangeOfficerSchema>;

/** The invitation token after `/start inv_` (base64url of 16 random bytes). */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
