import { asc, eq, sql } from 'drizzle-orm';
import { tipCounters, tipNotificationLinks, tips, townships, villages } from '../../db/schema';
import { importSigningKey, signText } from '../certificates/certificate-signing';
import { addWorkingDays, shanghaiDateOf } from '../certificates/working-days';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { Language } from '../i18n';
import { runtimeSettings } from '../settings/runtime-settings';
import { parseOrThrow } from '../validation';
import { generateReceipt, receiptHash } from './tip-receipt';
import { tipContentHash, tipReceiptText } from './tip-receipt-verdict';
import { addTipEvent, notifyOfficers } from './tip-records';
import { formatReceipt, type TSubmitTip, ZSubmitTipSchema } from './tipoff-schema';
import { screenFields } from './tipoff-screening';

/** Refuses text about a private person (or with an ID or phone number) with the reason and field. */
export function assertScreened(fields: Record<string, string | null | undefined>): void {
  const found = screenFields(fields);
  if (found) {
    throw new AppError('tip_screened', {
      fields: [{ path: found.path, message: `tipoffs:screening.${found.reason}` }],
      params: { reason: found.reason },
    });
  }
}

/**
 * Receives a tip from any channel. Keeps the content, the Shanghai day and the next number of the
 * township — nothing about the sender (the channel is not kept either). The receipt is returned once
 * and kept only as its keyed hash; the signed receipt proves number, day, category and content.
 * With `notify`, the sender's chat is linked to the tip (apart from it) for status messages.
 */
export async function submitTip(options: {
  deps: CoreDeps;
  /** Where it came from: used for nothing that is stored (docs/tipoffs.md). */
  channel: 'bot' | 'mini_app' | 'web';
  input: TSubmitTip;
  notify?: { chatId: number; language: Language };
}) {
  const { deps } = options;
  const input = parseOrThrow(ZSubmitTipSchema, options.input);
  assertScreened({ what: input.what, place: input.place, period: input.period, provider: input.provider });
  const township = await townshipOf(deps, input.villageId ?? null);
  const now = deps.clock.now();
  const day = shanghaiDateOf(now);
  const { tipoffs: settings, calendar } = await runtimeSettings(deps);
  // Deadlines count from the day, not the hour: the hour is not kept.
  const from = new Date(`${day}T12:00:00+08:00`);
  const due = (days: number) => addWorkingDays({ from, days, calendar });
  const receipt = generateReceipt(deps.ids);
  const contentHash = await tipContentHash({ ...input, villageId: input.villageId ?? null });
  const id = deps.ids.uuid();
  const number = await deps.db.transaction(async (tx) => {
    const [counter] = await tx
      .insert(tipCounters)
      .values({ townshipId: township.id, lastNumber: 1 })
      .onConflictDoUpdate({
        target: tipCounters.townshipId,
        set: { lastNumber: sql`${tipCounters.lastNumber} + 1` },
      })
      .returning({ lastNumber: tipCounters.lastNumber });
    const n = counter!.lastNumber;
    await tx.insert(tips).values({
      id,
      townshipId: township.id,
      number: n,
      day,
      category: input.category,
      villageId: input.villageId ?? null,
      place: input.place ?? null,
      what: input.what,
      period: input.period,
      provider: input.provider ?? null,
      contentHash,
      receiptHash: await receiptHash(settings.receiptKey, receipt),
      matterTipId: id,
      ackDueAt: due(settings.ackWorkingDays),
      triageDueAt: due(settings.triageWorkingDays),
      outcomeDueAt: due(settings.outcomeWorkingDays),
    });
    await addTipEvent(tx, deps, { tipId: id, type: 'received', actorOfficerId: null, reporter: true });
    if (options.notify) {
      await tx
        .insert(tipNotificationLinks)
        .values({ tipId: id, chatId: options.notify.chatId, language: options.notify.language });
    }
    return n;
  });
  const signedReceipt = await signTipReceipt(deps, {
    townshipCode: township.code,
    number,
    day,
    category: input.category,
    contentHash,
  });
  await notifyOfficers(deps, {
    role: 'case_handler',
    messageKey: 'tipoffs:notify.officerNewTip',
    path: `tips/${id}`,
  });
  return {
    receipt,
    receiptFormatted: formatReceipt(receipt),
    number,
    day,
    category: input.category,
    signedReceipt,
    notify: Boolean(options.notify),
  };
}

export async function signTipReceipt(deps: CoreDeps, fields: Parameters<typeof tipReceiptText>[1]) {
  const { seed, keyId } = deps.config.certificates.signingKey;
  const key = await importSigningKey(seed, keyId);
  return signText(tipReceiptText(key.kid, fields), key);
}

/** The township of the village named, else the (first) township this office serves. */
async function townshipOf(deps: CoreDeps, villageId: number | null) {
  if (villageId !== null) {
    const [row] = await deps.db
      .select({ id: townships.id, code: townships.code })
      .from(villages)
      .innerJoin(townships, eq(townships.id, villages.townshipId))
      .where(eq(villages.id, villageId));
    if (!row) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'villageId', message: 'tipoffs:validation.village' }],
      });
    }
    return row;
  }
  const [row] = await deps.db
    .select({ id: townships.id, code: townships.code })
    .from(townships)
    .orderBy(asc(townships.id))
    .limit(1);
  if (!row) throw new AppError('temporarily_unavailable');
  return row;
}
