// Following a tip-off in chat: the person types the receipt (the bot deletes that message), sees the
// status, the handler's messages and any reward, and can write back, add a photo or PDF, turn chat
// notifications on or off and claim a reward. The receipt is never stored by the bot: its buttons and
// reply prompts carry it sealed (core/conversations/sealed-receipt.ts), expiring after 30 minutes.
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { escapeHtml } from '../../core/campaigns/telegram-html';
import { decodeBase64url } from '../../core/certificates/certificate-signing';
import {
  openSealedReceipt,
  SEALED_RECEIPT_MINUTES,
  sealReceipt,
} from '../../core/conversations/sealed-receipt';
import { AppError } from '../../core/errors';
import { spendRateLimit } from '../../core/rate-limit/spend-rate-limit';
import { shanghaiDateOf } from '../../core/review/working-days';
import { addReporterAttachment } from '../../core/tipoffs/add-reporter-attachment';
import { addReporterMessage } from '../../core/tipoffs/add-reporter-message';
import { claimReward } from '../../core/tipoffs/claim-reward';
import { getNotificationOptIn } from '../../core/tipoffs/get-notification-opt-in';
import { lookupTipByReceipt } from '../../core/tipoffs/lookup-tip-by-receipt';
import { setNotificationOptIn } from '../../core/tipoffs/set-notification-opt-in';
import {
  formatReceipt,
  MESSAGE_MAX_CHARS,
  normalizeReceipt,
  type TipCategory,
  ZRewardClaimSchema,
} from '../../core/tipoffs/tipoff-schema';
import type { BotContext } from '../context';
import { qrPng } from '../qr-png';
import { downloadSentFile, sentFileOf } from '../sent-file';

export const tipFollow = new Composer<BotContext>();

const r = (ctx: BotContext, key: string, params: Record<string, unknown> = {}) =>
  ctx.t(`report.${key}`, params);

/** What a reply prompt asks for: the receipt, a message, a file (stripped / kept metadata), bank details. */
type Purpose = 'r' | 'w' | 'a0' | 'a1' | 'b';

async function seal(ctx: BotContext, receipt: string): Promise<string> {
  const iv = decodeBase64url(ctx.deps.core.ids.token(12));
  if (!iv) throw new Error('ids.token did not give base64url');
  return sealReceipt({
    secret: ctx.deps.core.config.tipoffs.receiptKey,
    receipt,
    expiresAt: new Date(ctx.deps.core.clock.now().getTime() + SEALED_RECEIPT_MINUTES * 60_000),
    iv,
  });
}

async function unseal(ctx: BotContext, token: string): Promise<string | undefined> {
  return openSealedReceipt({
    secret: ctx.deps.core.config.tipoffs.receiptKey,
    token,
    now: ctx.deps.core.clock.now(),
  });
}

/**
 * Asks for the receipt as a reply to the bot's question (Telegram opens the reply field itself): the
 * bot remembers nothing, so a report draft in progress is not disturbed. A bare 16-digit message is
 * read as a receipt too (receiptFallback).
 */
export async function followPrompt(ctx: BotContext) {
  await askReply(ctx, 'r');
}

tipFollow.callbackQuery('tf:new', async (ctx) => {
  await ctx.answerCallbackQuery();
  await followPrompt(ctx);
});

/** Deletes the person's own message (it holds a receipt or bank details); false where Telegram refuses. */
async function deleteTheirMessage(ctx: BotContext, message: Message): Promise<boolean> {
  return ctx.api
    .deleteMessage(message.chat.id, message.message_id)
    .then(() => true)
    .catch(() => false);
}

/** A throttling refusal said calmly (minutes, and that nothing was lost); anything else is thrown. */
export async function replyCalmly(ctx: BotContext, refusal: AppError): Promise<void> {
  if (refusal.code !== 'rate_limited') throw refusal;
  const seconds = Number(refusal.params?.seconds ?? 60);
  await ctx.reply(r(ctx, 'rateLimited', { count: Math.max(1, Math.ceil(seconds / 60)) }));
}

/** Wrong receipts are rationed per person: a locked-out person is refused before trying. */
async function lookup(ctx: BotContext, receipt: string) {
  const limiter = ctx.deps.limiter();
  const settings = ctx.deps.core.config.rateLimits;
  const identity = `user:${ctx.actor.telegramId}:tips`;
  const requestId = ctx.deps.core.requestId;
  const refusal = await spendRateLimit({
    limiter,
    settings,
    policy: 'tip_receipt_failures',
    identity,
    method: 'check',
    requestId,
  });
  if (refusal) return refusal;
  try {
    return await lookupTipByReceipt({ deps: ctx.deps.core, receipt });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') {
      await spendRateLimit({
        limiter,
        settings,
        policy: 'tip_receipt_failures',
        identity,
        method: 'fail',
        requestId,
      });
    }
    throw e;
  }
}

type TipView = Awaited<ReturnType<typeof lookupTipByReceipt>>;

function viewText(ctx: BotContext, view: TipView): string {
  const lines: string[] = [
    r(ctx, 'viewTitle', {
      number: view.number,
      day: view.day,
      category: ctx.t(`report.category.${view.category as TipCategory}`),
    }),
    r(ctx, 'viewStatus', { status: ctx.t(`report.status.${view.status}`) }),
  ];
  for (const event of view.events) {
    lines.push(
      `• ${event.day} ${ctx.t(`report.status.${event.type}`, { defaultValue: event.type })}${event.note ? `: ${event.note}` : ''}`,
    );
  }
  if (view.closingSummary) lines.push('', r(ctx, 'viewSummary', { summary: view.closingSummary }));
  if (view.messages.length > 0) {
    lines.push('', r(ctx, 'viewMessages'));
    for (const m of view.messages.slice(-10)) {
      lines.push(`${m.day} ${r(ctx, m.from === 'handler' ? 'fromHandler' : 'fromYou')}: ${m.text}`);
    }
  }
  if (view.attachments.length > 0)
    lines.push('', r(ctx, 'viewAttachments', { count: view.attachments.length }));
  if (!view.content) lines.push('', r(ctx, 'viewContentGone'));
  if (view.reward) {
    lines.push(
      '',
      r(ctx, `reward.${view.reward.status}`, {
        // "¥5,000" and the last day to claim as a Shanghai day (the view carries an instant).
        amount: view.reward.amountYuan.toLocaleString('en-US'),
        deadline: view.reward.claimDeadline ? shanghaiDateOf(new Date(view.reward.claimDeadline)) : '',
        defaultValue: view.reward.status,
      }),
    );
  }
  return lines.join('\n');
}

async function viewKeyboard(ctx: BotContext, receipt: string, view: TipView) {
  const token = await seal(ctx, receipt);
  const kb = new InlineKeyboard();
  if (view.canWrite) kb.text(r(ctx, 'write'), `tf:w:${token}`).row();
  if (view.canAttach) kb.text(r(ctx, 'attach'), `tf:a:${token}`).row();
  if (view.status !== 'closed' && ctx.chat) {
    // One switch, showing what pressing it does from here: this chat is, or is not, linked.
    const { enabled } = await getNotificationOptIn({ deps: ctx.deps.core, receipt, chatId: ctx.chat.id });
    if (enabled) kb.text(r(ctx, 'notifyTurnOff'), `tf:n0:${token}`).row();
    else kb.text(r(ctx, 'notifyTurnOn'), `tf:n1:${token}`).row();
  }
  if (view.canClaim) {
    kb.text(r(ctx, 'claimInPerson'), `tf:ci:${token}`).row();
    kb.text(r(ctx, 'claimBank'), `tf:cb:${token}`).row();
  }
  kb.text(r(ctx, 'refresh'), `tf:r:${token}`);
  return kb;
}

async function showTip(ctx: BotContext, receipt: string, view?: TipView) {
  const shown = view ?? (await lookupTipByReceipt({ deps: ctx.deps.core, receipt }));
  await ctx.reply(viewText(ctx, shown), { reply_markup: await viewKeyboard(ctx, receipt, shown) });
}

/** The receipt typed in answer to "follow a report": the message is deleted, then the tip shown. */
async function receiptTyped(ctx: BotContext, message: Message, text: string) {
  const deleted = await deleteTheirMessage(ctx, message);
  const receipt = normalizeReceipt(text);
  const note = r(ctx, deleted ? 'receiptMessageDeleted' : 'receiptMessageNotDeleted');
  if (!receipt) {
    await ctx.reply(`${r(ctx, 'receiptFormat')}\n\n${note}`);
    return askReply(ctx, 'r');
  }
  let view: TipView;
  try {
    const found = await lookup(ctx, receipt);
    if (found instanceof AppError) return replyCalmly(ctx, found);
    view = found;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') {
      return ctx.reply(`${r(ctx, 'receiptUnknown')}\n\n${note}`, {
        reply_markup: new InlineKeyboard().text(r(ctx, 'tryAgain'), 'tf:new'),
      });
    }
    throw e;
  }
  await ctx.reply(note);
  await showTip(ctx, receipt, view);
}

/** Mounted after the conversations: a message that is just 16 digits is someone's receipt. */
export const receiptFallback = new Composer<BotContext>();
receiptFallback.on('message:text', async (ctx, next) => {
  if (!normalizeReceipt(ctx.message.text)) return next();
  await receiptTyped(ctx, ctx.message, ctx.message.text);
});

/** A button of a follow session whose token expired: type the receipt again. */
async function expired(ctx: BotContext) {
  await ctx.reply(r(ctx, 'sessionExpired', { minutes: SEALED_RECEIPT_MINUTES }), {
    reply_markup: new InlineKeyboard().text(r(ctx, 'follow'), 'tf:new'),
  });
}

const TOKEN = '([A-Za-z0-9_-]{20,58})';

tipFollow.callbackQuery(new RegExp(`^tf:(r|w|a|a0|a1|n0|n1|ci|cb):${TOKEN}$`), async (ctx) => {
  await ctx.answerCallbackQuery();
  const action = ctx.match[1]!;
  const token = ctx.match[2]!;
  const receipt = await unseal(ctx, token);
  if (!receipt) return expired(ctx);
  switch (action) {
    case 'r':
      return showTip(ctx, receipt);
    case 'w':
      return askReply(ctx, 'w', token);
    case 'a':
      return ctx.reply(r(ctx, 'askKeepMetadata'), {
        reply_markup: new InlineKeyboard()
          .text(r(ctx, 'metadataStrip'), `tf:a0:${token}`)
          .row()
          .text(r(ctx, 'metadataKeep'), `tf:a1:${token}`),
      });
    case 'a0':
    case 'a1':
      return askReply(ctx, action, token);
    case 'n0':
    case 'n1': {
      const enabled = action === 'n1';
      await setNotificationOptIn({
        deps: ctx.deps.core,
        receipt,
        chatId: ctx.chat!.id,
        language: ctx.lang,
        enabled,
      });
      // The message's switch now offers the other way (an old message may no longer be editable).
      const view = await lookupTipByReceipt({ deps: ctx.deps.core, receipt });
      await ctx
        .editMessageReplyMarkup({ reply_markup: await viewKeyboard(ctx, receipt, view) })
        .catch(() => {});
      return ctx.reply(r(ctx, enabled ? 'notifyExplained' : 'notifyStopped'));
    }
    case 'ci': {
      await claimReward({
        deps: ctx.deps.core,
        input: ZRewardClaimSchema.parse({ method: 'in_person', receipt }),
      });
      return ctx.replyWithPhoto(new InputFile(qrPng(receipt), 'receipt.png'), {
        caption: r(ctx, 'claimInPersonDone', { receipt: formatReceipt(receipt) }),
      });
    }
    case 'cb':
      return askReply(ctx, 'b', token);
  }
});

/**
 * Asks for a typed answer as a reply to the bot's message. The sealed receipt rides in that message
 * (an invisible link), so the answer finds its tip without the bot remembering anything.
 */
async function askReply(ctx: BotContext, purpose: Purpose, token = '') {
  const key = { r: 'askReceipt', w: 'askMessage', a0: 'askFile', a1: 'askFile', b: 'askBank' }[purpose];
  const link = new URL(`/report#tf=${purpose}.${token}`, ctx.deps.core.config.publicUrl).toString();
  await ctx.reply(
    `${escapeHtml(r(ctx, key, { max: MESSAGE_MAX_CHARS }))}<a href="${escapeHtml(link)}">\u200b</a>`,
    {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { force_reply: true, input_field_placeholder: r(ctx, 'replyPlaceholder') },
    },
  );
}

/** The purpose and sealed receipt of the bot's prompt this message replies to, if it is one. */
function promptOf(ctx: BotContext, message: Message): { purpose: Purpose; token: string } | undefined {
  const prompt = message.reply_to_message;
  if (!prompt || prompt.from?.id !== ctx.me.id) return undefined;
  for (const entity of prompt.entities ?? []) {
    if (entity.type !== 'text_link') continue;
    const match = /#tf=(r\.|(w|a0|a1|b)\.([A-Za-z0-9_-]{20,58}))$/.exec(entity.url);
    if (match) return { purpose: (match[2] ?? 'r') as Purpose, token: match[3] ?? '' };
  }
  return undefined;
}

tipFollow.on('message', async (ctx, next) => {
  const prompt = promptOf(ctx, ctx.message);
  if (!prompt) return next();
  if (prompt.purpose === 'r') {
    if (!ctx.message.text) return askReply(ctx, 'r');
    return receiptTyped(ctx, ctx.message, ctx.message.text);
  }
  const receipt = await unseal(ctx, prompt.token);
  if (!receipt) return expired(ctx);
  const message = ctx.message;
  if (prompt.purpose === 'w') {
    if (!message.text) return askReply(ctx, 'w', prompt.token);
    await addReporterMessage({ deps: ctx.deps.core, receipt, text: message.text });
    return ctx.reply(r(ctx, 'messageSent'), {
      reply_markup: new InlineKeyboard().text(r(ctx, 'refresh'), `tf:r:${prompt.token}`),
    });
  }
  if (prompt.purpose === 'b') {
    // Bank details are sensitive: the message goes from the chat as soon as it is read.
    const deleted = await deleteTheirMessage(ctx, message);
    const [accountName = '', bankName = '', accountNumber = ''] = (message.text ?? '')
      .split('\n')
      .map((s) => s.trim());
    const parsed = ZRewardClaimSchema.safeParse({
      method: 'bank_transfer',
      receipt,
      accountName,
      bankName,
      accountNumber,
    });
    const note = r(ctx, deleted ? 'bankMessageDeleted' : 'bankMessageNotDeleted');
    if (!parsed.success) {
      await ctx.reply(`${r(ctx, 'bankInvalid')}\n\n${note}`);
      return askReply(ctx, 'b', prompt.token);
    }
    await claimReward({ deps: ctx.deps.core, input: parsed.data });
    return ctx.reply(`${r(ctx, 'claimBankDone')}\n\n${note}`);
  }
  const file = sentFileOf(message);
  if (!file) return askReply(ctx, prompt.purpose, prompt.token);
  const bytes = await downloadSentFile(ctx, file);
  const added = await addReporterAttachment({
    deps: ctx.deps.core,
    receipt,
    bytes,
    keepMetadata: prompt.purpose === 'a1',
  });
  await ctx.reply(r(ctx, added.keptMetadata ? 'attachedKept' : 'attachedStripped'), {
    reply_markup: new InlineKeyboard().text(r(ctx, 'refresh'), `tf:r:${prompt.token}`),
  });
});
