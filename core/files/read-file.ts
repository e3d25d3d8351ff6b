import { eq } from 'drizzle-orm';
import { storedFiles, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, assertCanActInVillage } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { ObjectStore } from './object-store';

/** Only the owner and officers in scope read a file; every officer read is audited. */
export async function readFile(options: {
  deps: CoreDeps;
  store?: ObjectStore;
  actor: Actor;
  fileId: string;
}) {
  const { deps, actor } = options;
  const [row] = await deps.db
    .select({ file: storedFiles, ownerVillageId: users.villageId })
    .from(storedFiles)
    .innerJoin(users, eq(users.id, storedFiles.ownerUserId))
    .where(eq(storedFiles.id, options.fileId));
  if (!row) throw new AppError('not_found');
  if (row.file.ownerUserId !== actor.userId) {
    if (actor.roles.length === 0) throw new AppError('not_found');
    assertCanActInVillage(actor, ['reviewer', 'case_handler', 'admin'], row.ownerVillageId);
    await recordAudit({
      deps,
      entry: {
        actorUserId: actor.userId,
        action: 'file.read',
        recordType: 'stored_file',
        recordId: row.file.id,
      },
    });
  }
  const object = await (options.store ?? deps.files).get(row.file.objectKey);
  if (!object) throw new AppError('not_found');
  return { meta: row.file, bytes: new Uint8Array(await object.arrayBuffer()) };
}
