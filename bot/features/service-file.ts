// /file: the "eight ones" service file (八个一) in chat — the eight cards in one message (status,
// due date, what to do) with a button per action: upload a check-up report or a proof from the new
// place (a photo or PDF, as for certificates; the health consent comes first), read and acknowledge
// the service agreement, confirm contact details, ask for livelihood services, "I have moved back",
// withdraw the health consent. Reminders open one item here with the callback `sf:i:<kind>`.
import { Composer, InlineKeyboard } from 'grammy';
import { shanghaiDateTime } from '../../core/certificates/application-records';
import {
  clearConversation,
  loadConversation,
  saveConversation,
} from '../../core/conversations/bot-conversation';
import { acknowledgeAgreement } from '../../core/service-file/acknowledge-agreement';
import { confirmContact } from '../../core/service-file/confirm-contact';
import { getOwnServiceFile } from '../../core/service-file/get-own-service-file';
import { giveHealthConsent, withdrawHealthConsent } from '../../core/service-file/health-consent';
import { requestLivelihood } from '../../core/service-file/livelihood';
import { moveBack } from '../../core/service-file/move-back';
import { openServiceFile } from '../../core/service-file/open-service-file';
import {
  CITY_MAX_CHARS,
  CLINIC_MAX_CHARS,
  HEALTH_CONSENT_VERSION,
  ITEM_KINDS,
  type ItemKind,
  LIVELIHOOD_TOPICS,
  type LivelihoodTopic,
  PROOF_LABEL_MAX_CHARS,
  QUESTION_MAX_CHARS,
  ZCheckupFormSchema,
  ZLivelihoodRequestSchema,
  ZProofFormSchema,
} from '../../core/service-file/service-file-schema';
import { submitItemUpload } from '../../core/service-file/submit-item-upload';
import type { BotContext } from '../context';
import { downloadSentFile, sentFileOf } from '../sent-file';

export const serviceFileFeature = new Composer<BotContext>();

const f = (ctx: BotContext, key: string, params: Record<string, unknown> = {}) =>
  ctx.t(`file.${key}`, params);

type OwnFile = Awaited<ReturnType<typeof getOwnServiceFile>>;
type Item = NonNullable<OwnFile['file']>['items'][number];

/** One letter per uploadable kind keeps callback data short. */
const UPLOAD_CODES = { health_checkup: 'h', residence_proof: 'p' } as const;
type UploadKind = keyof typeof UPLOAD_CODES;
const uploadKindOf = (code: string) =>
  (Object.keys(UPLOAD_CODES) as UploadKind[]).find((k) => UPLOAD_CODES[k] === code);

/** The conversation of /file: which answer comes next, and what was answered so far. */
interface FileDraft {
  kind?: UploadKind;
  clinic?: string;
  city?: string;
  examDate?: string;
  label?: string;
  topic?: LivelihoodTopic;
}
type FileStep = 'clinic' | 'city' | 'date' | 'label' | 'file' | 'question';

const STATUS_EMOJI: Record<string, string> = {
  not_started: '⬜',
  submitted: '⏳',
  verified: '✅',
  returned: '↩️',
  due_again: '🔁',
  expired: '⚠️',
  not_applicable: '➖',
};

const UNMET = ['not_started', 'returned', 'due_again', 'expired'];

function card(ctx: BotContext, item: Item): string {
  const emoji = item.overdue ? '❗' : (STATUS_EMOJI[item.status] ?? '•');
  const parts = [`${emoji} ${f(ctx, `kind.${item.kind}`)} — ${f(ctx, `status.${item.status}`)}`];
  if (item.dueOn && item.status !== 'not_applicable') {
    parts.push(f(ctx, item.overdue ? 'overdueSince' : 'dueOn', { date: item.dueOn }));
  }
  if (UNMET.includes(item.status)) parts.push(`   ${f(ctx, `todo.${item.kind}`)}`);
  if (item.status === 'returned' && item.returnItems?.length) {
    for (const reason of item.returnItems) parts.push(`   • ${reason.note}`);
  }
  return parts.join('\n');
}

/** The buttons of one item's action (none when nothing is to be done there). */
function itemButtons(ctx: BotContext, kb: InlineKeyboard, item: Item, own: OwnFile) {
  const open =
    UNMET.includes(item.status) || (item.kind === 'livelihood' && item.status !== 'not_applicable');
  if (!open) return;
  switch (item.kind) {
    case 'health_checkup':
    case 'residence_proof':
      kb.text(f(ctx, `button.${item.kind}`), `sf:up:${UPLOAD_CODES[item.kind]}`).row();
      return;
    case 'service_agreement':
      if (own.agreement) kb.text(f(ctx, 'button.service_agreement'), 'sf:ag').row();
      return;
    case 'contact_details':
      kb.text(f(ctx, 'button.contact_details'), 'sf:ct').row();
      return;
    case 'livelihood':
      kb.text(f(ctx, 'button.livelihood'), 'sf:lv').row();
      return;
    case 'certificate':
      kb.webApp(f(ctx, 'button.certificate'), new URL('certificates', ctx.deps.miniAppUrl).toString()).row();
      return;
    default:
      return;
  }
}

async function showFile(ctx: BotContext) {
  const own = await getOwnServiceFile({ deps: ctx.deps.core, actor: ctx.actor });
  if (!own.file) {
    await ctx.reply(f(ctx, 'noFile'), {
      reply_markup: new InlineKeyboard().text(f(ctx, 'openFile'), 'sf:open:y'),
    });
    return;
  }
  const file = own.file;
  if (file.status === 'moved_back') {
    await ctx.reply(f(ctx, 'movedBackFile'), {
      reply_markup: new InlineKeyboard().text(f(ctx, 'leftAgain'), 'sf:open:y'),
    });
    return;
  }
  const met = file.items.filter((i) => i.status === 'verified' || i.status === 'not_applicable').length;
  const text = [
    f(ctx, 'title', { met, total: file.items.length }),
    '',
    ...file.items.map((i) => card(ctx, i)),
  ].join('\n');
  const kb = new InlineKeyboard();
  for (const item of file.items) itemButtons(ctx, kb, item, own);
  if (own.consent.given) kb.text(f(ctx, 'button.withdraw'), 'sf:wd').row();
  kb.text(f(ctx, 'button.movedBack'), 'sf:mb').row();
  kb.webApp(f(ctx, 'button.app'), new URL('service-file', ctx.deps.miniAppUrl).toString());
  await ctx.reply(text, { reply_markup: kb });
}

/** One item (what a reminder's button opens). */
async function showItem(ctx: BotContext, kind: ItemKind) {
  const own = await getOwnServiceFile({ deps: ctx.deps.core, actor: ctx.actor });
  const item = own.file?.items.find((i) => i.kind === kind);
  if (own.file?.status !== 'active' || !item) return showFile(ctx);
  const kb = new InlineKeyboard();
  itemButtons(ctx, kb, item, own);
  kb.text(f(ctx, 'button.all'), 'sf:open').row();
  kb.webApp(f(ctx, 'button.app'), new URL(`service-file/items/${kind}`, ctx.deps.miniAppUrl).toString());
  await ctx.reply(card(ctx, item), { reply_markup: kb });
}

serviceFileFeature.command('file', async (ctx) => {
  const kind = ITEM_KINDS.find((k) => k === ctx.match.trim());
  if (kind) return showItem(ctx, kind);
  await showFile(ctx);
});

serviceFileFeature.callbackQuery('sf:open', async (ctx) => {
  await ctx.answerCallbackQuery();
  await showFile(ctx);
});

serviceFileFeature.callbackQuery(/^sf:i:([a-z_]{1,20})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const kind = ITEM_KINDS.find((k) => k === ctx.match[1]);
  if (!kind) return showFile(ctx);
  await showItem(ctx, kind);
});

/** "I moved away for work": registers the person as leaving and opens the file. */
serviceFileFeature.callbackQuery('sf:open:y', async (ctx) => {
  await ctx.answerCallbackQuery();
  await openServiceFile({ deps: ctx.deps.core, actor: ctx.actor });
  await showFile(ctx);
});

/** The /file conversation, when it is the one the person touched last. */
async function activeFileDraft(ctx: BotContext) {
  const active = await loadConversation<FileDraft>({ deps: ctx.deps.core, userId: ctx.actor.userId });
  return active?.kind === 'service_file' ? active : undefined;
}

// Uploads: the check-up needs the health consent first, then clinic, city and date; the proof a label.
async function saveFileDraft(ctx: BotContext, step: FileStep, data: FileDraft) {
  await saveConversation({
    deps: ctx.deps.core,
    userId: ctx.actor.userId,
    conversation: { kind: 'service_file', step, data },
  });
}

async function askStep(ctx: BotContext, step: FileStep, data: FileDraft) {
  const cancel = new InlineKeyboard().text(f(ctx, 'cancel'), 'sf:x');
  switch (step) {
    case 'clinic':
      return ctx.reply(f(ctx, 'askClinic', { max: CLINIC_MAX_CHARS }), { reply_markup: cancel });
    case 'city':
      return ctx.reply(f(ctx, 'askCity', { max: CITY_MAX_CHARS }), { reply_markup: cancel });
    case 'date':
      return ctx.reply(f(ctx, 'askDate'), { reply_markup: cancel });
    case 'label':
      return ctx.reply(f(ctx, 'askLabel', { max: PROOF_LABEL_MAX_CHARS }), {
        reply_markup: new InlineKeyboard()
          .text(f(ctx, 'skip'), 'sf:skip')
          .row()
          .text(f(ctx, 'cancel'), 'sf:x'),
      });
    case 'file':
      return ctx.reply(f(ctx, data.kind === 'health_checkup' ? 'askCheckupFile' : 'askProofFile'), {
        reply_markup: cancel,
      });
    case 'question':
      return ctx.reply(f(ctx, 'askQuestion', { max: QUESTION_MAX_CHARS }), { reply_markup: cancel });
  }
}

serviceFileFeature.callbackQuery(/^sf:up:([hp])$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const kind = uploadKindOf(ctx.match[1] ?? '');
  if (!kind) return;
  if (kind === 'health_checkup') {
    const own = await getOwnServiceFile({ deps: ctx.deps.core, actor: ctx.actor });
    if (!own.consent.given) {
      await ctx.reply(f(ctx, 'consentText', { version: HEALTH_CONSENT_VERSION }), {
        reply_markup: new InlineKeyboard()
          .text(f(ctx, 'consentGive'), 'sf:cs:y')
          .row()
          .text(f(ctx, 'consentNo'), 'sf:x'),
      });
      return;
    }
  }
  const step: FileStep = kind === 'health_checkup' ? 'clinic' : 'label';
  await saveFileDraft(ctx, step, { kind });
  await askStep(ctx, step, { kind });
});

serviceFileFeature.callbackQuery('sf:cs:y', async (ctx) => {
  await ctx.answerCallbackQuery();
  await giveHealthConsent({
    deps: ctx.deps.core,
    actor: ctx.actor,
    input: { version: HEALTH_CONSENT_VERSION },
  });
  await ctx.reply(f(ctx, 'consentGiven'));
  await saveFileDraft(ctx, 'clinic', { kind: 'health_checkup' });
  await askStep(ctx, 'clinic', { kind: 'health_checkup' });
});

serviceFileFeature.callbackQuery('sf:wd', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(f(ctx, 'withdrawAsk'), {
    reply_markup: new InlineKeyboard()
      .text(f(ctx, 'withdrawYes'), 'sf:wd:y')
      .row()
      .text(f(ctx, 'cancel'), 'sf:x'),
  });
});

serviceFileFeature.callbackQuery('sf:wd:y', async (ctx) => {
  await ctx.answerCallbackQuery();
  const result = await withdrawHealthConsent({ deps: ctx.deps.core, actor: ctx.actor });
  await ctx.reply(f(ctx, 'withdrawn', { count: result.erasedSubmissions }));
});

serviceFileFeature.callbackQuery('sf:x', async (ctx) => {
  await clearConversation({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'service_file' });
  await ctx.answerCallbackQuery();
  await ctx.reply(f(ctx, 'cancelled'));
});

serviceFileFeature.callbackQuery('sf:skip', async (ctx) => {
  await ctx.answerCallbackQuery();
  const draft = await loadConversation<FileDraft>({
    deps: ctx.deps.core,
    userId: ctx.actor.userId,
    kind: 'service_file',
  });
  if (draft?.step !== 'label') return showFile(ctx);
  await saveFileDraft(ctx, 'file', draft.data);
  await askStep(ctx, 'file', draft.data);
});

/** Typed answers: clinic, city, date, proof label, the livelihood question. */
serviceFileFeature.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  const draft = await activeFileDraft(ctx);
  if (!draft) return next();
  const value = text.trim();
  const data = draft.data;
  switch (draft.step as FileStep) {
    case 'clinic':
    case 'city': {
      const field = draft.step === 'clinic' ? 'clinic' : 'city';
      const check = ZCheckupFormSchema.shape[field].safeParse(value);
      const max = field === 'clinic' ? CLINIC_MAX_CHARS : CITY_MAX_CHARS;
      if (!check.success) return ctx.reply(f(ctx, 'invalid', { max }));
      const next: FileStep = field === 'clinic' ? 'city' : 'date';
      const updated = { ...data, [field]: check.data };
      await saveFileDraft(ctx, next, updated);
      return askStep(ctx, next, updated);
    }
    case 'date': {
      const examDate = normalizeDate(value);
      const check = ZCheckupFormSchema.shape.examDate.safeParse(examDate ?? value);
      if (!check.success) return ctx.reply(f(ctx, 'dateInvalid'));
      const updated = { ...data, examDate: check.data };
      await saveFileDraft(ctx, 'file', updated);
      return askStep(ctx, 'file', updated);
    }
    case 'label': {
      const check = ZProofFormSchema.safeParse({ label: value });
      if (!check.success) return ctx.reply(f(ctx, 'tooLong', { max: PROOF_LABEL_MAX_CHARS }));
      const updated = { ...data, label: check.data.label };
      await saveFileDraft(ctx, 'file', updated);
      return askStep(ctx, 'file', updated);
    }
    case 'question': {
      const check = ZLivelihoodRequestSchema.safeParse({ topic: data.topic, question: value });
      if (!check.success) return ctx.reply(f(ctx, 'tooLong', { max: QUESTION_MAX_CHARS }));
      await requestLivelihood({ deps: ctx.deps.core, actor: ctx.actor, input: check.data });
      await clearConversation({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'service_file' });
      return ctx.reply(f(ctx, 'livelihoodSent'));
    }
    case 'file':
      return ctx.reply(f(ctx, 'waitingForFile'));
  }
});

/** 2026-10-03, 2026/10/3, 2026.10.3, 2026年10月3日 → 2026-10-03 */
function normalizeDate(input: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(input);
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** The report or proof itself, sent as a photo or PDF once the form is answered. */
serviceFileFeature.on([':photo', ':document'], async (ctx, next) => {
  const draft = await activeFileDraft(ctx);
  if (draft?.step !== 'file' || !draft.data.kind) return next();
  const sent = sentFileOf(ctx.msg);
  if (!sent) return next();
  const bytes = await downloadSentFile(ctx, sent);
  const data = draft.data;
  const kind = data.kind!;
  const form =
    kind === 'health_checkup'
      ? ZCheckupFormSchema.parse({ clinic: data.clinic, city: data.city, examDate: data.examDate })
      : ZProofFormSchema.parse(data.label ? { label: data.label } : {});
  const result = await submitItemUpload({
    deps: ctx.deps.core,
    actor: ctx.actor,
    kind,
    form,
    bytes,
    fileName: sent.fileName ?? null,
  });
  await clearConversation({ deps: ctx.deps.core, userId: ctx.actor.userId, kind: 'service_file' });
  const deadline = result.deadlineAt ? shanghaiDateTime(new Date(result.deadlineAt)) : '';
  await ctx.reply(f(ctx, 'uploaded', { kind: f(ctx, `kind.${kind}`), deadline }), {
    reply_parameters: { message_id: ctx.msg.message_id },
    reply_markup: new InlineKeyboard().text(f(ctx, 'button.all'), 'sf:open'),
  });
});

// The service agreement: its text, then "I acknowledge" (the version read is the one acknowledged).
serviceFileFeature.callbackQuery('sf:ag', async (ctx) => {
  await ctx.answerCallbackQuery();
  const own = await getOwnServiceFile({ deps: ctx.deps.core, actor: ctx.actor });
  if (!own.agreement) return showFile(ctx);
  await ctx.reply(f(ctx, 'agreement', { version: own.agreement.version, text: own.agreement.text }), {
    reply_markup: new InlineKeyboard().text(f(ctx, 'acknowledge'), `sf:ag:${own.agreement.version}`),
  });
});

serviceFileFeature.callbackQuery(/^sf:ag:(\d{1,6})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await acknowledgeAgreement({
    deps: ctx.deps.core,
    actor: ctx.actor,
    input: { version: Number(ctx.match[1]) },
  });
  await ctx.reply(f(ctx, 'acknowledged'), {
    reply_markup: new InlineKeyboard().text(f(ctx, 'button.all'), 'sf:open'),
  });
});

serviceFileFeature.callbackQuery('sf:ct', async (ctx) => {
  await ctx.answerCallbackQuery();
  await confirmContact({ deps: ctx.deps.core, actor: ctx.actor, input: {} });
  await ctx.reply(f(ctx, 'contactConfirmed'), {
    reply_markup: new InlineKeyboard()
      .webApp(
        f(ctx, 'addPhone'),
        new URL('service-file/items/contact_details', ctx.deps.miniAppUrl).toString(),
      )
      .row()
      .text(f(ctx, 'button.all'), 'sf:open'),
  });
});

serviceFileFeature.callbackQuery('sf:lv', async (ctx) => {
  await ctx.answerCallbackQuery();
  const kb = new InlineKeyboard();
  for (const topic of LIVELIHOOD_TOPICS) kb.text(f(ctx, `topic.${topic}`), `sf:lv:${topic}`).row();
  kb.text(f(ctx, 'cancel'), 'sf:x');
  await ctx.reply(f(ctx, 'askTopic'), { reply_markup: kb });
});

serviceFileFeature.callbackQuery(/^sf:lv:([a-z_]{1,12})$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const topic = LIVELIHOOD_TOPICS.find((t) => t === ctx.match[1]);
  if (!topic) return;
  await saveFileDraft(ctx, 'question', { topic });
  await askStep(ctx, 'question', { topic });
});

serviceFileFeature.callbackQuery('sf:mb', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(f(ctx, 'movedBackAsk'), {
    reply_markup: new InlineKeyboard()
      .text(f(ctx, 'movedBackYes'), 'sf:mb:y')
      .row()
      .text(f(ctx, 'cancel'), 'sf:x'),
  });
});

serviceFileFeature.callbackQuery('sf:mb:y', async (ctx) => {
  await ctx.answerCallbackQuery();
  await moveBack({ deps: ctx.deps.core, actor: ctx.actor });
  await ctx.reply(f(ctx, 'movedBackDone'));
});
