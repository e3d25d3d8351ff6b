import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { certificateApplications, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { ZId, ZInt32 } from '../schema-primitives';
import { loadApplicationFor } from './application-records';
import { ZApplicationDraftSchema } from './application-schema';

export const ZSaveDraftSchema = z.object({
  form: ZApplicationDraftSchema,
  villageId: ZId.nullable().optional(),
  /** The version the client started from; a save from an older copy is refused (version_conflict). */
  version: ZInt32.min(1),
});
export type TSaveDraft = z.infer<typeof ZSaveDraftSchema>;

/**
 * Saves the form as it is, complete or not, so the applicant can resume on another device. Only
 * while the applicant may edit (draft, or returned for more information).
 */
export async function saveDraft(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  input: TSaveDraft;
}) {
  const { deps, actor, input } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'edit');
  if (input.villageId) {
    const [v] = await deps.db
      .select({ id: villages.id })
      .from(villages)
      .where(eq(villages.id, input.villageId));
    if (!v) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'villageId', message: 'certificates:validation.villageUnknown' }],
      });
    }
  }
  const [saved] = await deps.db
    .update(certificateApplications)
    .set({
      form: input.form as Record<string, unknown>,
      ...(input.villageId !== undefined ? { villageId: input.villageId } : {}),
      version: row.version + 1,
      updatedAt: deps.clock.now(),
    })
    .where(
      and(
        eq(certificateApplications.id, row.id),
        eq(certificateApplications.version, input.version),
        eq(certificateApplications.status, row.status),
      ),
    )
    .returning({ version: certificateApplications.version, updatedAt: certificateApplications.updatedAt });
  if (!saved) throw new AppError('version_conflict');
  return saved;
}
