// Objects in the bucket that no stored_files row names: an upload whose row was never written and
// whose take-back failed too (the database and R2 both away, or the isolate killed between the two
// writes). Every object the product writes has a row (core/files/store-file.ts), so after a grace
// period an object without one can only be debris. The maintenance cron walks the bucket a few pages
// per run, keeping its place in a small cursor object, and deletes what it finds.
import { inArray } from 'drizzle-orm';
import { storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { ORPHAN_FILE_GRACE_HOURS } from './purge-orphan-files';

/** Where the walk keeps its place between runs; the only object without a row, and never deleted. */
export const STRAY_SWEEP_CURSOR_KEY = 'maintenance/stray-object-sweep-cursor';
const PAGE = 1000;
/** Pages per run: 5,000 keys and 5 indexed look-ups, well inside one cron invocation. */
const PAGES_PER_RUN = 5;

export async function purgeStrayObjects(options: {
  deps: CoreDeps;
  pagesPerRun?: number;
  pageSize?: number;
}): Promise<{ strayObjects: number; objectsChecked: number; walkFinished: boolean }> {
  const { db, clock, files } = options.deps;
  const cutoff = clock.now().getTime() - ORPHAN_FILE_GRACE_HOURS * 3600_000;
  const saved = await files.get(STRAY_SWEEP_CURSOR_KEY);
  let cursor = saved ? (await saved.text()) || undefined : undefined;
  let strayObjects = 0;
  let objectsChecked = 0;
  for (let page = 0; page < (options.pagesPerRun ?? PAGES_PER_RUN); page++) {
    const listed = await files.list({ cursor, limit: options.pageSize ?? PAGE });
    const old = listed.objects
      .filter((o) => o.key !== STRAY_SWEEP_CURSOR_KEY && o.uploaded.getTime() < cutoff)
      .map((o) => o.key);
    objectsChecked += old.length;
    if (old.length > 0) {
      const named = await db
        .select({ key: storedFiles.objectKey })
        .from(storedFiles)
        .where(inArray(storedFiles.objectKey, old));
      const known = new Set(named.map((r) => r.key));
      const stray = old.filter((k) => !known.has(k));
      if (stray.length > 0) await files.delete(stray);
      strayObjects += stray.length;
    }
    if (!listed.truncated) {
      // The whole bucket has been seen: the next run starts again from the first key.
      await files.delete(STRAY_SWEEP_CURSOR_KEY);
      return { strayObjects, objectsChecked, walkFinished: true };
    }
    cursor = listed.cursor;
  }
  if (cursor)
    await files.put(STRAY_SWEEP_CURSOR_KEY, cursor, { httpMetadata: { contentType: 'text/plain' } });
  return { strayObjects, objectsChecked, walkFinished: false };
}
