import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { applicationDocuments, type ReturnSnapshot, storedFiles } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { checklistText, zReturnChecklist, zReturnItem } from '../review/return-checklist';
import { type ApplicationRow, decideAsOwner, notifyApplicant, type Tx } from './application-records';
import { DOCUMENT_KINDS } from './application-schema';

const RETURN_TARGET = new RegExp(`^(field:[a-zA-Z0-9_.]+|document:(${DOCUMENT_KINDS.join('|')})|other)$`);
/** A checklist item: which field or document, and what to do. Free text is the officer's own words. */
export const ZReturnItemSchema = zReturnItem(RETURN_TARGET);

/** Everything missing or wrong, all at once (一次性告知; core/review/return-checklist.ts). */
export const ZReturnApplicationSchema = zReturnChecklist(RETURN_TARGET);
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
    items: checklistText(input.items),
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
