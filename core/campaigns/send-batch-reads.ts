// What a send batch reads: its deliveries, the campaign's variants (cached per campaign) and the
// campaign's status (shared by every batch the isolate runs at once, re-read about once a second).
import { and, eq } from 'drizzle-orm';
import { campaignDeliveries, campaigns, campaignVariants } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { VariantForSending } from './campaign-message';
import { deliveryIdIn } from './delivery-lease';
import type { PacingClock } from './engine-io';

/** How often a consumer re-reads the campaign's status: a cancel stops it within about this long. */
const CANCEL_CHECK_MS = 1000;

export async function readDeliveries(deps: CoreDeps, job: { campaignId: string; deliveryIds: number[] }) {
  const rows = await deps.db
    .select({
      id: campaignDeliveries.id,
      campaignId: campaignDeliveries.campaignId,
      userId: campaignDeliveries.userId,
      chatId: campaignDeliveries.chatId,
      language: campaignDeliveries.language,
      status: campaignDeliveries.status,
      attempts: campaignDeliveries.attempts,
      notBefore: campaignDeliveries.notBefore,
      claimedAt: campaignDeliveries.claimedAt,
    })
    .from(campaignDeliveries)
    // By primary key only: with the campaign in the condition the planner may scan the campaign's index.
    .where(deliveryIdIn(job.deliveryIds));
  return rows.filter((r) => r.campaignId === job.campaignId);
}

/**
 * Isolate-wide caches hold values, never promises: workerd cancels an invocation that waits on a
 * query another invocation's connection runs (it has no I/O of its own left and looks hung — at
 * 1000/s that killed consumers mid-send). Queries are shared only within one invocation (one db).
 */
function sharedPerDb<T>() {
  const byDb = new WeakMap<object, Map<string, Promise<T>>>();
  return (db: object, key: string, run: () => Promise<T>): Promise<T> => {
    const inFlight = byDb.get(db) ?? new Map<string, Promise<T>>();
    byDb.set(db, inFlight);
    let query = inFlight.get(key);
    if (!query) {
      query = run().finally(() => inFlight.delete(key));
      inFlight.set(key, query);
    }
    return query;
  };
}

/** Keeps the last `max` entries of an isolate-wide cache. */
function remember<T>(cache: Map<string, T>, key: string, value: T, max: number): void {
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value!);
}

/** Variants cannot change once a campaign is approved: each isolate reads them once per campaign. */
const variantCache = new Map<string, VariantForSending[]>();
const variantQuery = sharedPerDb<VariantForSending[]>();

export async function loadVariants(deps: CoreDeps, campaignId: string): Promise<VariantForSending[]> {
  const cached = variantCache.get(campaignId);
  if (cached) return cached;
  return variantQuery(deps.db, campaignId, async () => {
    const variants = await readVariants(deps, campaignId);
    remember(variantCache, campaignId, variants, 20);
    return variants;
  });
}

async function readVariants(deps: CoreDeps, campaignId: string): Promise<VariantForSending[]> {
  return deps.db
    .select({
      language: campaignVariants.language,
      text: campaignVariants.text,
      imageFileId: campaignVariants.imageFileId,
      imageTelegramFileId: campaignVariants.imageTelegramFileId,
      button: campaignVariants.button,
    })
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, campaignId));
}

/** Telegram's file id of an uploaded image: later sends reuse it instead of uploading again. */
export async function rememberTelegramPhoto(
  deps: CoreDeps,
  campaignId: string,
  variant: VariantForSending,
  fileId: string,
): Promise<void> {
  await deps.db
    .update(campaignVariants)
    .set({ imageTelegramFileId: fileId })
    .where(and(eq(campaignVariants.campaignId, campaignId), eq(campaignVariants.language, variant.language)));
}

/**
 * The campaign's status, re-read at most once per CANCEL_CHECK_MS and shared by every batch this
 * isolate runs at once (dozens at 1000/s): a cancel is seen within about a second.
 */
const statusCache = new Map<string, { at: number; row: { status: string } | undefined }>();
const statusQuery = sharedPerDb<{ status: string } | undefined>();

export async function campaignStatus(deps: CoreDeps, campaignId: string, time: PacingClock, fresh = false) {
  const cached = statusCache.get(campaignId);
  if (cached && !fresh && time.now() - cached.at < CANCEL_CHECK_MS) return cached.row;
  return statusQuery(deps.db, campaignId, async () => {
    const [row] = await deps.db
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId));
    remember(statusCache, campaignId, { at: time.now(), row }, 100);
    return row;
  });
}
