// What an admin types for a village: its name, the code of its poster's deep link
// (/start v_<code>; the bot matches [a-z0-9-]{1,32}) and the poster's short text. Pure: shared by the route, the use case and
// the mini app's form.
import { z } from 'zod';

export const VILLAGE_NAME_MAX_CHARS = 40;
export const VILLAGE_CODE_MAX_CHARS = 32;
export const VILLAGE_CODE_PATTERN = /^[a-z0-9-]{1,32}$/;

export const ZVillageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(VILLAGE_CODE_PATTERN, { message: 'admin:validation.villageCode' });

export const ZVillageName = z.string().trim().min(1).max(VILLAGE_NAME_MAX_CHARS);

/** The poster's own short text: a line or two under the heading; empty means none. */
export const VILLAGE_POSTER_TEXT_MAX_CHARS = 120;
export const ZVillagePosterText = z.string().trim().max(VILLAGE_POSTER_TEXT_MAX_CHARS);

export const ZCreateVillageSchema = z.object({ name: ZVillageName, code: ZVillageCode }).strict();
export type TCreateVillage = z.infer<typeof ZCreateVillageSchema>;

/**
 * Every field optional: rename, change the code, set the poster's text, deactivate or reactivate — one
 * or several at once.
 */
export const ZUpdateVillageSchema = z
  .object({
    name: ZVillageName.optional(),
    code: ZVillageCode.optional(),
    posterText: ZVillagePosterText.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type TUpdateVillage = z.infer<typeof ZUpdateVillageSchema>;
