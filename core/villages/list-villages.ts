import { asc, eq } from 'drizzle-orm';
import { villages } from '../../db/schema';
import type { CoreDeps } from '../deps';

/**
 * The villages/communities offered to people (settings picker, audience builder): active ones only.
 * Names of deactivated villages are still shown where a record refers to them (through its own join).
 */
export async function listVillages(options: { deps: CoreDeps }) {
  return options.deps.db
    .select({ id: villages.id, code: villages.code, name: villages.name })
    .from(villages)
    .where(eq(villages.active, true))
    .orderBy(asc(villages.code));
}
