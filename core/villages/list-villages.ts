import { asc } from 'drizzle-orm';
import { villages } from '../../db/schema';
import type { CoreDeps } from '../deps';

/** Public list of villages/communities (settings picker, audience builder). */
export async function listVillages(options: { deps: CoreDeps }) {
  return options.deps.db
    .select({ id: villages.id, code: villages.code, name: villages.name })
    .from(villages)
    .orderBy(asc(villages.code));
}
