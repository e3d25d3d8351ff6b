import { eq } from 'drizzle-orm';
import { storedFiles, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { personPolicy } from '../users/person-policy';
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
  // A stored file is part of its owner's record: the same people may read it.
  enforce(personPolicy.read, actor, { userId: row.file.ownerUserId ?? '', villageId: row.ownerVillageId });
  if (row.file.ownerUserId !== actor.userId) {
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
