import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { getOwnServiceFile } from './get-own-service-file';
import { openFile } from './service-file-records';

/**
 * The person registers as leaving (moved away for work): their population status becomes
 * `moved_away` and their file of eight items is opened — or, after "I have moved back", a new
 * departure starts on the same file.
 */
export async function openServiceFile(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  await deps.db.transaction((tx) => openFile(tx, deps, actor.userId));
  return getOwnServiceFile({ deps, actor });
}
