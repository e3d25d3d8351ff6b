import { and, eq, isNull } from 'drizzle-orm';
import { serviceFiles, users } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { openFile } from './service-file-records';

/** Cron: every person recorded as moved away has a file — the missing ones are opened, a batch a run. */
export async function openMissingFiles(options: { deps: CoreDeps; limit?: number }) {
  const { deps } = options;
  const missing = await deps.db
    .select({ id: users.id })
    .from(users)
    .leftJoin(serviceFiles, eq(serviceFiles.userId, users.id))
    .where(and(eq(users.populationStatus, 'moved_away'), isNull(serviceFiles.id)))
    .limit(options.limit ?? 500);
  for (const u of missing) await deps.db.transaction((tx) => openFile(tx, deps, u.id));
  return { opened: missing.length };
}
