import { asc } from 'drizzle-orm';
import { villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { villagePolicy } from './village-policy';

/** Every village, deactivated ones too: the admin's list. */
export async function listVillagesForAdmin(options: { deps: CoreDeps; actor: Actor }) {
  enforce(villagePolicy.manage, options.actor, { villageId: 0 });
  return options.deps.db
    .select({
      id: villages.id,
      code: villages.code,
      name: villages.name,
      active: villages.active,
      posterText: villages.posterText,
      updatedAt: villages.updatedAt,
    })
    .from(villages)
    .orderBy(asc(villages.code));
}
