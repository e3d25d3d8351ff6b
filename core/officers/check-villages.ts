import { and, eq, inArray } from 'drizzle-orm';
import { villages } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/** A scope may name only active villages that exist (null, township-wide, always passes). */
export async function checkVillagesExist(deps: CoreDeps, villageIds: number[] | null): Promise<void> {
  if (villageIds === null) return;
  const found = await deps.db
    .select({ id: villages.id })
    .from(villages)
    .where(and(inArray(villages.id, villageIds), eq(villages.active, true)));
  if (found.length !== villageIds.length) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'villageIds', message: 'admin:validation.villageUnknown' }],
    });
  }
}
