import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { decideAsOwner, notifyApplicant } from './application-records';
import { RETURN_ITEMS_MAX, RETURN_NOTE_MAX_CHARS, RETURN_NOTE_MIN_CHARS } from './certificate-limits';

/** A checklist item: which field or document, and what to do. Free text is the officer's own words. */
export const ZReturnItemSchema = z.object({
  target: z
    .string()
    .regex(/^(field:[a-zA-Z0-9_.]+|document:(id_card|hukou_page|marriage_certificate)|other)$/),
  note: z.string().trim().min(RETURN_NOTE_MIN_CHARS).max(RETURN_NOTE_MAX_CHARS),
});

export const ZReturnApplicationSchema = z.object({
  /** Everything missing or wrong, all at once (一次性告知). */
  items: z.array(ZReturnItemSchema).min(1).max(RETURN_ITEMS_MAX),
});
export type TReturnApplication = z.infer<typeof ZReturnApplicationSchema>;

/**
 * The owning reviewer sends the application back asking for more information, listing every
 * missing or wrong item in one go. The applicant sees the checklist; the deadline stops and a
 * new one starts when they resubmit.
 */
export async function returnApplication(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  input: TReturnApplication;
}) {
  const { deps, actor, input } = options;
  const row = await decideAsOwner(deps, actor, options.applicationId, {
    set: { status: 'returned', returnItems: input.items },
    event: { type: 'returned', details: { items: input.items } },
  });
  await notifyApplicant(deps, row, 'returned', {
    count: input.items.length,
    items: input.items.map((i, n) => `${n + 1}. ${i.note}`).join('\n'),
  });
  return { status: row.status };
}
