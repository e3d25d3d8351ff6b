// What a send batch reads: its deliveries, the campaign's variants (cached per campaign) and the
// campaign's status (shared by every batch the isolate runs at once, re-read about once a second).
import { and, eq, inArray } from 'drizzle-orm';
import { campaignDeliveries, campaigns, campaignVariants } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { VariantForSending } from './campaign-message';
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
    .where(inArray(campaignDeliveries.id, job.deliveryIds));
  return rows.filter((r) => r.campaignId === job.campaignId);
}

/** Variants cannot change once a campaign is approved: each isolate reads them once per campaign. */
const variantCache = new Map<string, Promise<VariantForSending[]>>();

export function loadVariants(deps: CoreDeps, campaignId: string): Promise<VariantForSending[]> {
  let cached = variantCache.get(campaignId);
  if (!cached) {
    cached = readVariants(deps, campaignId);
    cached.catch(() => variantCache.delete(campaignId));
    variantCache.set(campaignId, cached);
    if (variantCache.size > 20) variantCache.delete(variantCache.keys().next().value!);
  }
  return cached;
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
 * isolate runs at once (dozens at 1000/s): a cancel is seen within about a second, for one query.
 */
const statusCache = new Map<
  string,
  { at: number; row: { status: string } | undefined; pending?: Promise<void> }
>();

export async function campaignStatus(deps: CoreDeps, campaignId: string, time: PacingClock, fresh = false) {
  let entry = statusCache.get(campaignId);
  if (!entry || fresh || time.now() - entry.at >= CANCEL_CHECK_MS) {
    if (!entry?.pending) {
      const e = entry ?? { at: 0, row: undefined };
      e.pending = (async () => {
        const [row] = await deps.db
          .select({ status: campaigns.status })
          .from(campaigns)
          .where(eq(campaigns.id, campaignId));
        e.row = row;
        e.at = time.now();
      })().finally(() => {
        e.pending = undefined;
      });
      statusCache.set(campaignId, e);
      if (statusCache.size > 100) statusCache.delete(statusCache.keys().next().value!);
      entry = e;
    }
    await entry.pending;
  }
  return entry.row;
}
