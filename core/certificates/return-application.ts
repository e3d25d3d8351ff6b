import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { applicationDocuments, type ReturnSnapshot, storedFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { type ApplicationRow, decideAsOwner, notifyApplicant, type Tx } from './application-records';
import { DOCUMENT_KINDS } from './application-schema';
import { RETURN_ITEMS_MAX, RETURN_NOTE_MAX_CHARS, RETURN_NOTE_MIN_CHARS } from './certificate-limits';

/** A checklist item: which field or document, and what to do. Free text is the officer's own words. */
export const ZReturnItemSchema = z.object({
  target: z
    .string()
    .regex(new RegExp(`^(field:[a-zA-Z0-9_.]+|document:(${DOCUMENT_KINDS.join('|')})|other)$`)),
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
  const row = await decideAsOwner(deps, actor, options.applicationId, async (tx, current) => ({
    set: {
      status: 'returned',
      returnItems: input.items,
      returnSnapshot: await snapshotOf(tx, current, deps.clock.now()),
    },
    event: { type: 'returned', details: { items: input.items } },
  }));
  await notifyApplicant(deps, row, 'returned', {
    count: input.items.length,
    items: input.items.map((i, n) => `${n + 1}. ${i.note}`).join('\n'),
  });
  return { status: row.status };
}

/** The form, village and documents as returned: the resubmission is compared with this. */
async function snapshotOf(tx: Tx, row: ApplicationRow, at: Date): Promise<ReturnSnapshot> {
  const documents = await tx
    .select({
      id: applicationDocuments.id,
      kind: applicationDocuments.kind,
      label: applicationDocuments.label,
      fileName: storedFiles.fileName,
    })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, row.id));
  return { at: at.toISOString(), form: row.form, villageId: row.villageId, documents };
}
