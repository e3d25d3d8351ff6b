import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { serviceItems, serviceReminders, users } from '../../db/schema';
import type { CampaignMessage, MessageButton } from '../campaigns/campaign-message';
import type { CampaignSender } from '../campaigns/campaign-sender';
import { type PacingClock, realPacingClock } from '../campaigns/engine-io';
import type { SendGovernor } from '../campaigns/governor';
import type { SlotReport } from '../campaigns/slot-scheduler';
import { miniAppUrl } from '../config';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n';
import { escapeHtml } from './html';
import { effectiveStatus } from './item-rules';
import { outOfQuietHours } from './reminder-rules';
import { today } from './service-file-records';
import { UNMET_STATUSES } from './service-file-schema';

const BATCH = 100;
const LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Sends the planned reminders whose time has come, through the campaigns' rate-governed path: send
 * slots from the broadcast governor (one global rate, one message per chat per second) and the
 * CampaignSender port (grammY, Telegram's answers classified). Each reminder is taken up atomically
 * (planned → sending), re-checked (items met meanwhile drop out; nothing left → cancelled), rendered
 * in the person's language with a button to the item's page, and its actual send time stored beside
 * the planned one. Nothing goes out between 21:00 and 08:00 Beijing time.
 */
export async function sendDueReminders(options: {
  deps: CoreDeps;
  governor: SendGovernor;
  sender: CampaignSender;
  time?: PacingClock;
}) {
  const { deps, governor, sender } = options;
  const time = options.time ?? realPacingClock;
  const now = deps.clock.now();
  const result = { sent: 0, failed: 0, cancelled: 0, retried: 0 };
  if (outOfQuietHours(now).getTime() !== now.getTime()) return result;
  const r = serviceReminders;
  const claimed = await deps.db
    .update(r)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${r.attempts} + 1` })
    .where(
      inArray(
        r.id,
        deps.db
          .select({ id: r.id })
          .from(r)
          .where(
            or(
              and(eq(r.status, 'planned'), lte(r.plannedAt, now)),
              and(eq(r.status, 'sending'), lt(r.claimedAt, new Date(now.getTime() - LEASE_MS))),
            ),
          )
          .orderBy(r.plannedAt)
          .limit(BATCH)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
  if (claimed.length === 0) return result;
  const people = await deps.db
    .select({
      id: users.id,
      chatId: users.telegramId,
      language: users.language,
      blocked: users.broadcastBlockedAt,
    })
    .from(users)
    .where(inArray(users.id, [...new Set(claimed.map((c) => c.userId))]));
  const itemIds = claimed.flatMap((c) => c.items.map((i) => i.itemId));
  const items = itemIds.length
    ? await deps.db
        .select({ id: serviceItems.id, status: serviceItems.status, dueOn: serviceItems.dueOn })
        .from(serviceItems)
        .where(inArray(serviceItems.id, itemIds))
    : [];
  const day = today(deps);
  const finish = (id: string, set: Partial<typeof r.$inferInsert>) =>
    deps.db.update(r).set(set).where(eq(r.id, id));

  const messages: { reminder: (typeof claimed)[number]; message: CampaignMessage }[] = [];
  for (const reminder of claimed) {
    const person = people.find((p) => p.id === reminder.userId);
    const open = reminder.items.filter((i) => {
      const item = items.find((x) => x.id === i.itemId);
      return item && UNMET_STATUSES.concat('verified').includes(effectiveStatus(item, day)) && item.dueOn;
    });
    if (!person || person.blocked || open.length === 0) {
      await finish(reminder.id, { status: 'cancelled', cancelledAt: deps.clock.now(), items: open });
      result.cancelled += 1;
      continue;
    }
    const t = translator(person.language, 'serviceFile');
    const lines = open.map((i) => {
      const dueOn = items.find((x) => x.id === i.itemId)!.dueOn!;
      const key = i.stage.startsWith('after_') ? 'reminder.after' : 'reminder.before';
      return `• ${escapeHtml(t(key, { item: t(`kinds.${i.kind}`), date: dueOn }))}`;
    });
    messages.push({
      reminder,
      message: {
        chatId: person.chatId,
        html: [escapeHtml(t('reminder.intro')), ...lines].join('\n'),
        keyboard: reminderKeyboard(deps, t, open),
        // Several items: the whole file, too.
        ...(open.length > 1
          ? {
              button: {
                text: t('reminder.openAll'),
                url: miniAppUrl(deps.config, 'service-file'),
                kind: 'web_app' as const,
              },
            }
          : {}),
      },
    });
  }

  const pending = [...messages];
  let reports: SlotReport[] = [];
  for (let round = 0; pending.length > 0 && round < 20; round++) {
    const grant = await governor.acquire({ chatIds: pending.map((m) => m.message.chatId), reports });
    reports = [];
    if (grant.grants.length === 0) {
      await time.sleep(Math.max(50, grant.retryAt - time.now()));
      continue;
    }
    for (const g of grant.grants) {
      const index = pending.findIndex((m) => m.message.chatId === g.chatId);
      if (index < 0) continue;
      const [{ reminder, message }] = pending.splice(index, 1) as [(typeof messages)[number]];
      await time.sleep(g.at - time.now());
      const sentAt = time.now();
      const outcome = await sender.send(message, async () => new Uint8Array());
      const completedAt = time.now();
      if (outcome.kind === 'sent') {
        await finish(reminder.id, {
          status: 'sent',
          sentAt: deps.clock.now(),
          outcome: String(outcome.messageId),
        });
        result.sent += 1;
        reports.push({ slotId: g.slotId, chatId: g.chatId, at: g.at, sentAt, completedAt, outcome: 'sent' });
      } else if (
        outcome.kind === 'blocked' ||
        outcome.kind === 'bad_request' ||
        reminder.attempts >= MAX_ATTEMPTS
      ) {
        await finish(reminder.id, { status: 'failed', outcome: outcome.kind });
        result.failed += 1;
        reports.push({
          slotId: g.slotId,
          chatId: g.chatId,
          at: g.at,
          sentAt,
          completedAt,
          outcome: 'failed',
        });
      } else {
        const delayMs = outcome.kind === 'rate_limited' ? outcome.retryAfterSeconds * 1000 : 60_000;
        await finish(reminder.id, {
          status: 'planned',
          plannedAt: outOfQuietHours(new Date(deps.clock.now().getTime() + delayMs)),
        });
        result.retried += 1;
        reports.push({
          slotId: g.slotId,
          chatId: g.chatId,
          at: g.at,
          sentAt,
          completedAt,
          outcome: outcome.kind === 'rate_limited' ? 'rate_limited' : 'not_sent',
          ...(outcome.kind === 'rate_limited' ? { retryAfterMs: delayMs } : {}),
        });
      }
    }
  }
  if (reports.length > 0) await governor.report(reports).catch(() => {});
  // Whatever got no slot in this run goes back to be planned again at once (the next cron picks it up).
  for (const { reminder } of pending) await finish(reminder.id, { status: 'planned' });
  return result;
}

/**
 * One row per item of a reminder: its page in the mini app (service-file/items/<kind>) and its card
 * in chat (the bot answers `sf:i:<kind>` with that item and its action).
 */
function reminderKeyboard(
  deps: CoreDeps,
  t: TFunction,
  items: readonly { kind: string }[],
): MessageButton[][] {
  return items.map(({ kind }) => [
    {
      text: t('reminder.openItem', { item: t(`kinds.${kind}`) }),
      url: miniAppUrl(deps.config, `service-file/items/${kind}`),
      kind: 'web_app',
    },
    { text: t('reminder.inChat'), callbackData: `sf:i:${kind}`, kind: 'callback' },
  ]);
}
