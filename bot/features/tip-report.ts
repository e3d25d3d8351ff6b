// /report: a tip-off (有奖举报) written step by step in chat — category → place → what happened → when
// → provider → attachments → review → submit → the receipt, shown once. The draft is the only thing
// kept while writing (bot_conversations, one row per person, deleted at submit): the submitted tip is
// stored by core/tipoffs without any trace of who sent it, and the receipt is never stored here.
import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import {
  clearConversation,
  loadConversation,
  saveConversation,
} from '../../core/conversations/bot-conversation';
import { AppError } from '../../core/errors';
import { spendRateLimit } from '../../core/rate-limit/spend-rate-limit';
import { addReporterAttachment } from '../../core/tipoffs/add-reporter-attachment';
import { getRewardTiers } from '../../core/tipoffs/get-reward-tiers';
import { submitTip } from '../../core/tipoffs/submit-tip';
import {
  CATEGORY_CODES,
  MAX_ATTACHMENTS_PER_TIP,
  PERIOD_MAX_CHARS,
  PLACE_MAX_CHARS,
  PROVIDER_MAX_CHARS,
  TIP_CATEGORIES,
  type TipCategory,
  WHAT_MAX_CHARS,
  WHAT_MIN_CHARS,
  ZSubmitTipSchema,
} from '../../core/tipoffs/tipoff-schema';
import { screenTipText } from '../../core/tipoffs/tipoff-screening';
import { listVillages } from '../../core/villages/list-villages';
import type { BotContext } from '../context';
import { checkSentFile, downloadSentFile, sentFileOf } from '../sent-file';
import { followPrompt, replyCalmly } from './tip-follow';

export const tipReport = new Composer<BotContext>();

interface DraftAttachment {
  /** Telegram's file id: the file stays on Telegram until the tip is sent, nothing is stored here. */
  fileId: string;
  keepMetadata: boolean;
}

export interface TipDraft {
  category?: TipCategory;
  villageId?: number | null;
  place?: string;
  what?: string;
  period?: string;
  provider?: string;
  attachments: DraftAttachment[];
  /** Chat notifications about this tip (opt-in, asked at review). */
  notify?: boolean;
  /** Editing one field from the review: go back to the review after it. */
  backToReview?: boolean;
}

type Step = 'category' | 'place' | 'what' | 'period' | 'provider' | 'attachments' | 'review';
const TEXT_STEPS: Step[] = ['place', 'what', 'period', 'provider'];
const PERIODS = ['week', 'month', 'half_year', 'earlier'] as const;

const categoryOf = (code: string) => TIP_CATEGORIES.find((c) => CATEGORY_CODES[c] === code);
const r = (ctx: BotContext, key: string, params: Record<string, unknown> = {}) =>
  ctx.t(`report.${key}`, params);
const categoryName = (ctx: BotContext, c: TipCategory) => ctx.t(`report.category.${c}`);

async function loadDraft(ctx: BotContext) {
  return loadConversation<TipDraft>({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'tip_report' });
}

/** The draft, when it is the conversation the person touched last (a typed answer or photo is its). */
async function activeDraft(ctx: BotContext) {
  const active = await loadConversation<TipDraft>({ deps: ctx.deps.core, userId: ctx.actor.userId });
  return active?.kind === 'tip_report' ? active : undefined;
}

async function saveDraft(ctx: BotContext, step: Step, data: TipDraft) {
  await saveConversation({
    deps: ctx.deps.core,
    userId: ctx.actor.userId,
    conversation: { kind: 'tip_report', step, data },
  });
}

/** The web page for those who want more than this channel gives (no Telegram, no login). */
export function reportPageUrl(ctx: BotContext): string {
  return new URL('/report', ctx.deps.core.config.publicUrl).toString();
}

async function tierLines(ctx: BotContext): Promise<string> {
  const { tiers } = await getRewardTiers({ deps: ctx.deps.core });
  return tiers
    .map((tier) =>
      tier.maxYuan > 0
        ? r(ctx, 'tierLine', {
            category: categoryName(ctx, tier.category),
            min: tier.minYuan.toLocaleString('en-US'),
            max: tier.maxYuan.toLocaleString('en-US'),
          })
        : r(ctx, 'tierNone', { category: categoryName(ctx, tier.category) }),
    )
    .join('\n');
}

/** The first message: what this channel can and cannot promise, what may not be reported, the rewards. */
async function sendIntro(ctx: BotContext) {
  const draft = await loadDraft(ctx);
  const kb = new InlineKeyboard();
  if (draft) kb.text(r(ctx, 'resume'), 'tr:resume').row();
  kb.text(r(ctx, 'start'), 'tr:new').row();
  kb.text(r(ctx, 'follow'), 'tf:new').row();
  kb.url(r(ctx, 'webPage'), reportPageUrl(ctx));
  await ctx.reply(
    r(ctx, 'intro', {
      tiers: await tierLines(ctx),
      url: reportPageUrl(ctx),
      draft: draft ? `\n\n${r(ctx, 'draftWaiting')}` : '',
    }),
    { reply_markup: kb, link_preview_options: { is_disabled: true } },
  );
}

tipReport.command('report', async (ctx) => {
  const arg = ctx.match.trim().toLowerCase();
  if (arg === 'follow' || arg === 'f') return followPrompt(ctx);
  await sendIntro(ctx);
});

tipReport.callbackQuery('tr:intro', async (ctx) => {
  await ctx.answerCallbackQuery();
  await sendIntro(ctx);
});

/** Asks the question of `step` (the draft already saved at that step). */
async function ask(ctx: BotContext, step: Step, draft: TipDraft) {
  switch (step) {
    case 'category': {
      const kb = new InlineKeyboard();
      for (const c of TIP_CATEGORIES) kb.text(categoryName(ctx, c), `tr:c:${CATEGORY_CODES[c]}`).row();
      kb.text(r(ctx, 'cancel'), 'tr:x');
      return ctx.reply(r(ctx, 'askCategory'), { reply_markup: kb });
    }
    case 'place': {
      const villages = await listVillages({ deps: ctx.deps.core });
      const kb = new InlineKeyboard();
      villages.forEach((v, i) => {
        kb.text(v.name, `tr:v:${v.id}`);
        if (i % 2 === 1) kb.row();
      });
      return ctx.reply(r(ctx, 'askPlace', { max: PLACE_MAX_CHARS }), { reply_markup: kb.row() });
    }
    case 'what':
      return ctx.reply(r(ctx, 'askWhat', { min: WHAT_MIN_CHARS, max: WHAT_MAX_CHARS }));
    case 'period': {
      const kb = new InlineKeyboard();
      for (const p of PERIODS) kb.text(r(ctx, `period.${p}`), `tr:t:${p}`).row();
      return ctx.reply(r(ctx, 'askPeriod', { max: PERIOD_MAX_CHARS }), { reply_markup: kb });
    }
    case 'provider':
      return ctx.reply(r(ctx, 'askProvider', { max: PROVIDER_MAX_CHARS }), {
        reply_markup: new InlineKeyboard().text(r(ctx, 'providerUnknown'), 'tr:p:skip'),
      });
    case 'attachments':
      return ctx.reply(r(ctx, 'askAttachments', { max: MAX_ATTACHMENTS_PER_TIP }), {
        reply_markup: new InlineKeyboard().text(r(ctx, 'toReview'), 'tr:review'),
      });
    case 'review':
      return sendReview(ctx, draft);
  }
}

const NEXT: Record<Step, Step> = {
  category: 'place',
  place: 'what',
  what: 'period',
  period: 'provider',
  provider: 'attachments',
  attachments: 'review',
  review: 'review',
};

/** Saves the draft and moves on (back to the review when one field was being edited). */
async function advance(ctx: BotContext, from: Step, draft: TipDraft) {
  const next = draft.backToReview ? 'review' : NEXT[from];
  const data = { ...draft, backToReview: false };
  await saveDraft(ctx, next, data);
  await ask(ctx, next, data);
}

async function villageName(ctx: BotContext, id: number | null | undefined) {
  if (id == null) return undefined;
  return (await listVillages({ deps: ctx.deps.core })).find((v) => v.id === id)?.name;
}

async function sendReview(ctx: BotContext, draft: TipDraft) {
  const none = r(ctx, 'none');
  const place = [await villageName(ctx, draft.villageId), draft.place].filter(Boolean).join(' · ') || none;
  const text = r(ctx, 'review', {
    category: draft.category ? categoryName(ctx, draft.category) : none,
    place,
    what: draft.what ?? none,
    period: draft.period ?? none,
    provider: draft.provider ?? none,
    attachments: draft.attachments.length,
    notify: r(ctx, draft.notify ? 'notifyOn' : 'notifyOff'),
  });
  const kb = new InlineKeyboard()
    .text(r(ctx, 'submit'), 'tr:send')
    .row()
    .text(r(ctx, draft.notify ? 'notifyTurnOff' : 'notifyTurnOn'), 'tr:n')
    .row()
    .text(r(ctx, 'editWhat'), 'tr:e:what')
    .text(r(ctx, 'editPlace'), 'tr:e:place')
    .row()
    .text(r(ctx, 'editPeriod'), 'tr:e:period')
    .text(r(ctx, 'editProvider'), 'tr:e:provider')
    .row()
    .text(r(ctx, 'addAttachments'), 'tr:e:attachments')
    .text(r(ctx, 'cancel'), 'tr:x');
  await ctx.reply(text, { reply_markup: kb });
}

/** A draft that expired or was sent already: say so and offer to start again. */
async function noDraft(ctx: BotContext) {
  await ctx.reply(r(ctx, 'noDraft'), {
    reply_markup: new InlineKeyboard().text(r(ctx, 'start'), 'tr:new'),
  });
}

tipReport.callbackQuery('tr:new', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft: TipDraft = { attachments: [] };
  await saveDraft(ctx, 'category', draft);
  await ask(ctx, 'category', draft);
});

tipReport.callbackQuery('tr:resume', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  await ask(ctx, draft.step as Step, draft.data);
});

tipReport.callbackQuery('tr:x', async (ctx) => {
  await clearConversation({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'tip_report' });
  await ctx.answerCallbackQuery();
  await ctx.reply(r(ctx, 'cancelled'));
});

tipReport.callbackQuery(/^tr:c:([A-Z])$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const category = categoryOf(ctx.match[1] ?? '');
  const draft = await loadDraft(ctx);
  if (!draft || !category) return noDraft(ctx);
  await advance(ctx, 'category', { ...draft.data, category });
});

tipReport.callbackQuery(/^tr:v:(\d{1,9})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  const villageId = Number(ctx.match[1]);
  if (!(await villageName(ctx, villageId))) return ask(ctx, 'place', draft.data);
  await advance(ctx, 'place', { ...draft.data, villageId });
});

tipReport.callbackQuery(/^tr:t:([a-z_]{1,12})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  const period = PERIODS.find((p) => p === ctx.match[1]);
  if (!draft || !period) return noDraft(ctx);
  await advance(ctx, 'period', { ...draft.data, period: r(ctx, `period.${period}`) });
});

tipReport.callbackQuery('tr:p:skip', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  const { provider: _unknown, ...rest } = draft.data;
  await advance(ctx, 'provider', rest);
});

tipReport.callbackQuery('tr:review', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  await advance(ctx, 'attachments', draft.data);
});

tipReport.callbackQuery('tr:n', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  const data = { ...draft.data, notify: !draft.data.notify };
  await saveDraft(ctx, 'review', data);
  if (data.notify) await ctx.reply(r(ctx, 'notifyExplained'));
  await sendReview(ctx, data);
});

tipReport.callbackQuery(/^tr:e:(what|place|period|provider|attachments)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  const step = ctx.match[1] as Step;
  const data = { ...draft.data, backToReview: step !== 'attachments' };
  await saveDraft(ctx, step, data);
  await ask(ctx, step, data);
});

/** Typed answers to the place, what, period and provider questions. */
tipReport.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  const draft = await activeDraft(ctx);
  const step = draft?.step as Step | undefined;
  if (!draft || !step || !TEXT_STEPS.includes(step)) return next();
  const value = text.trim();
  const max = {
    place: PLACE_MAX_CHARS,
    what: WHAT_MAX_CHARS,
    period: PERIOD_MAX_CHARS,
    provider: PROVIDER_MAX_CHARS,
  }[step as 'place'];
  if (value.length > max) return ctx.reply(r(ctx, 'tooLong', { max }));
  if (step === 'what' && value.length < WHAT_MIN_CHARS)
    return ctx.reply(r(ctx, 'tooShort', { min: WHAT_MIN_CHARS }));
  // Refused at once when it is about a private person (the draft keeps the previous answer).
  const screened = screenTipText(value);
  if (screened) return ctx.reply(r(ctx, `screened.${screened}`));
  const data: TipDraft = { ...draft.data, [step]: value };
  if (step === 'place') data.villageId = null;
  await advance(ctx, step, data);
});

/** A photo or PDF sent while a report is being written belongs to it (checked now, sent at submit). */
tipReport.on([':photo', ':document'], async (ctx, next) => {
  const draft = await activeDraft(ctx);
  if (!draft) return next();
  const sent = sentFileOf(ctx.msg);
  if (!sent) return next();
  if (draft.data.attachments.length >= MAX_ATTACHMENTS_PER_TIP) {
    return ctx.reply(r(ctx, 'tooManyAttachments', { max: MAX_ATTACHMENTS_PER_TIP }));
  }
  // Checked now (type, size, structure) so a refusal comes while the person is still here; nothing
  // is stored until the tip is sent, and then without any link to who sent it.
  const bytes = await downloadSentFile(ctx, sent);
  await checkSentFile(ctx, bytes);
  const attachments = [...draft.data.attachments, { fileId: sent.fileId, keepMetadata: false }];
  await saveDraft(ctx, draft.step as Step, { ...draft.data, attachments });
  const index = attachments.length - 1;
  await ctx.reply(r(ctx, 'attachmentAdded', { count: attachments.length }), {
    reply_parameters: { message_id: ctx.msg.message_id },
    reply_markup: metadataKeyboard(ctx, index, false),
  });
});

function metadataKeyboard(ctx: BotContext, index: number, keep: boolean) {
  return new InlineKeyboard()
    .text(`${keep ? '' : '✓ '}${r(ctx, 'metadataStrip')}`, `tr:m:${index}:0`)
    .row()
    .text(`${keep ? '✓ ' : ''}${r(ctx, 'metadataKeep')}`, `tr:m:${index}:1`)
    .row()
    .text(r(ctx, 'toReview'), 'tr:review');
}

tipReport.callbackQuery(/^tr:m:(\d{1,2}):([01])$/, async (ctx) => {
  const draft = await loadDraft(ctx);
  const index = Number(ctx.match[1]);
  const attachment = draft?.data.attachments[index];
  if (!draft || !attachment) {
    await ctx.answerCallbackQuery();
    return noDraft(ctx);
  }
  const keep = ctx.match[2] === '1';
  const attachments = draft.data.attachments.map((a, i) => (i === index ? { ...a, keepMetadata: keep } : a));
  await saveDraft(ctx, draft.step as Step, { ...draft.data, attachments });
  await ctx.answerCallbackQuery({ text: r(ctx, keep ? 'metadataKept' : 'metadataStripped') });
  await ctx
    .editMessageText(r(ctx, 'attachmentAdded', { count: index + 1 }), {
      reply_markup: metadataKeyboard(ctx, index, keep),
    })
    .catch(() => {}); // unchanged (pressed twice): nothing to edit
});

tipReport.callbackQuery('tr:send', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadDraft(ctx);
  if (!draft) return noDraft(ctx);
  const data = draft.data;
  const parsed = ZSubmitTipSchema.safeParse({
    category: data.category,
    villageId: data.villageId ?? null,
    place: data.place,
    what: data.what ?? '',
    period: data.period ?? '',
    provider: data.provider,
  });
  if (!parsed.success) {
    // The first missing answer is asked again; the draft stays.
    const missing = (parsed.error.issues[0]?.path[0] ?? 'category') as string;
    const step: Step =
      (['category', 'place', 'what', 'period'] as const).find((s) => s === missing) ??
      (missing === 'villageId' ? 'place' : 'category');
    await ctx.reply(r(ctx, 'incomplete'));
    await saveDraft(ctx, step, { ...data, backToReview: true });
    return ask(ctx, step, data);
  }
  const refusal = await spendRateLimit({
    limiter: ctx.deps.limiter(),
    settings: ctx.deps.core.config.rateLimits,
    policy: 'tip_submissions',
    identity: `user:${ctx.actor.telegramId}:tips`,
    requestId: ctx.deps.core.requestId,
  });
  if (refusal) return replyCalmly(ctx, refusal);
  let submitted: Awaited<ReturnType<typeof submitTip>>;
  try {
    submitted = await submitTip({
      deps: ctx.deps.core,
      channel: 'bot',
      input: parsed.data,
      ...(data.notify && ctx.chat ? { notify: { chatId: ctx.chat.id, language: ctx.lang } } : {}),
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'tip_screened') {
      const reason = String(e.params?.reason ?? 'private_pregnancy');
      await ctx.reply(`${r(ctx, `screened.${reason}`)}\n\n${r(ctx, 'draftKept')}`);
      return sendReview(ctx, data);
    }
    throw e;
  }
  // The draft goes the moment the tip exists: from now on nothing links this person to it.
  await clearConversation({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'tip_report' });
  await ctx.reply(
    r(ctx, 'receipt', {
      number: submitted.number,
      receipt: `<b>${submitted.receiptFormatted}</b>`,
      category: categoryName(ctx, submitted.category as TipCategory),
    }),
    { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text(r(ctx, 'saved'), 'tr:saved') },
  );
  const failed = await attachAll(ctx, submitted.receipt, data.attachments);
  if (data.attachments.length > 0) {
    await ctx.reply(
      failed === 0
        ? r(ctx, 'attachmentsSent', { count: data.attachments.length })
        : r(ctx, 'attachmentsFailed', { failed, count: data.attachments.length }),
    );
  }
  await ctx.reply(r(ctx, 'signedReceipt', { signed: `<code>${submitted.signedReceipt}</code>` }), {
    parse_mode: 'HTML',
  });
});

/** Sends the draft's files to the new tip; a file Telegram no longer has is counted, not fatal. */
async function attachAll(ctx: BotContext, receipt: string, attachments: DraftAttachment[]): Promise<number> {
  let failed = 0;
  for (const a of attachments) {
    try {
      const bytes = await downloadSentFile(ctx, { fileId: a.fileId });
      await addReporterAttachment({ deps: ctx.deps.core, receipt, bytes, keepMetadata: a.keepMetadata });
    } catch (e) {
      if (!(e instanceof AppError) && !isTelegramError(e)) throw e;
      failed += 1;
    }
  }
  return failed;
}

function isTelegramError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'GrammyError' || e.name === 'HttpError');
}

/** "I have saved it": the message with the receipt is deleted from the chat (where Telegram allows). */
tipReport.callbackQuery('tr:saved', async (ctx) => {
  const message = ctx.callbackQuery.message as Message | undefined;
  const deleted = message
    ? await ctx.api
        .deleteMessage(message.chat.id, message.message_id)
        .then(() => true)
        .catch(() => false)
    : false;
  await ctx.answerCallbackQuery();
  await ctx.reply(r(ctx, deleted ? 'receiptDeleted' : 'receiptNotDeleted'), {
    reply_markup: new InlineKeyboard().text(r(ctx, 'follow'), 'tf:new'),
  });
});
