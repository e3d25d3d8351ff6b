// The certificate companion in chat: /status shows where an application stands, and a photo or PDF
// sent to the bot is attached to the open application once the person says which document it is
// (Telegram's Android mini apps break multi-file upload, so this path matters).
import { Composer, InlineKeyboard } from 'grammy';
import { addDocument } from '../../core/certificates/add-document';
import { shanghaiDateTime } from '../../core/certificates/application-records';
import { attachLabelledBotDocument } from '../../core/certificates/attach-labelled-bot-document';
import { awaitDocumentLabel } from '../../core/certificates/await-document-label';
import { listOwnApplications } from '../../core/certificates/list-own-applications';
import { receiveBotDocument } from '../../core/certificates/receive-bot-document';
import { AppError } from '../../core/errors';
import { DOCUMENT_KINDS, type DocumentKind } from '../../db/schema';
import type { BotContext } from '../context';
import { downloadSentFile, sentFileOf } from '../sent-file';

export const certificates = new Composer<BotContext>();

/**
 * One letter per kind keeps the callback data under Telegram's 64 bytes with a uuid in it. An 'other'
 * document ('o') needs a name: the bot asks for it and the applicant's next text message gives it.
 */
type ChatKind = Exclude<DocumentKind, 'other'>;
const KIND_CODES: Record<DocumentKind, string> = {
  id_card: 'i',
  hukou_page: 'h',
  marriage_certificate: 'm',
  other: 'o',
};
const CHAT_KINDS = DOCUMENT_KINDS.filter((k): k is ChatKind => k !== 'other');
const kindOf = (code: string) => CHAT_KINDS.find((k) => KIND_CODES[k] === code);

function appButton(ctx: BotContext, path: string) {
  return new InlineKeyboard().webApp(
    ctx.t('certificates:bot.openApplication'),
    new URL(path, ctx.deps.miniAppUrl).toString(),
  );
}

certificates.command('status', async (ctx) => {
  const applications = await listOwnApplications({ deps: ctx.deps.core, actor: ctx.actor });
  const current = applications[0];
  if (!current) {
    await ctx.reply(ctx.t('certificates:bot.noApplication'), {
      reply_markup: appButton(ctx, 'certificates'),
    });
    return;
  }
  // An issued certificate that was revoked or has expired says so, never "valid until".
  const status =
    current.status === 'issued' && current.certificateState !== 'valid' && current.certificateState
      ? current.certificateState
      : current.status;
  const line = ctx.t(`certificates:bot.status.${status}`, {
    deadline: current.deadlineAt ? shanghaiDateTime(current.deadlineAt) : '',
    serial: current.serial ?? '',
    validUntil: current.validUntil ?? '',
  });
  await ctx.reply(line, { reply_markup: appButton(ctx, `certificates/applications/${current.id}`) });
});

certificates.on([':photo', ':document'], async (ctx) => {
  const message = ctx.msg;
  const file = sentFileOf(message);
  if (!file) return;
  // The same upload budget as the mini app's: each document is downloaded, checked and stored.
  const bytes = await downloadSentFile(ctx, file);
  // A document keeps the name it was sent under; a photo has none (it is listed by its kind).
  const received = await receiveBotDocument({
    deps: ctx.deps.core,
    actor: ctx.actor,
    bytes,
    fileName: file.fileName,
  });
  const keyboard = new InlineKeyboard();
  for (const kind of CHAT_KINDS) {
    keyboard
      .text(ctx.t(`certificates:documentKind.${kind}`), `cdoc:${received.fileId}:${KIND_CODES[kind]}`)
      .row();
  }
  keyboard.text(ctx.t('certificates:documentKind.other'), `cdoc:${received.fileId}:${KIND_CODES.other}`);
  await ctx.reply(ctx.t('certificates:bot.whichDocument'), {
    reply_parameters: { message_id: message.message_id },
    reply_markup: keyboard,
  });
});

// "Other": the file waits for its name; the prompt says what to type (what the office asked for).
certificates.callbackQuery(/^cdoc:([0-9a-f-]{36}):o$/, async (ctx) => {
  await awaitDocumentLabel({ deps: ctx.deps.core, actor: ctx.actor, fileId: ctx.match[1]! });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('certificates:bot.askOtherLabel'));
});

// The name of an "other" document, typed after choosing it; any other text goes on to the next feature.
certificates.on('message:text', async (ctx, next) => {
  if (ctx.message.text.startsWith('/')) return next();
  const attached = await attachLabelledBotDocument({
    deps: ctx.deps.core,
    actor: ctx.actor,
    text: ctx.message.text,
  });
  if (!attached) return next();
  await ctx.reply(ctx.t('certificates:bot.attached', { kind: attached.label }), {
    reply_markup: appButton(ctx, `certificates/applications/${attached.applicationId}`),
  });
});

certificates.callbackQuery(/^cdoc:([0-9a-f-]{36}):([a-z])$/, async (ctx) => {
  const kind = kindOf(ctx.match[2] ?? '');
  if (!kind) return ctx.answerCallbackQuery();
  const applications = await listOwnApplications({ deps: ctx.deps.core, actor: ctx.actor });
  const open = applications.find((a) => a.status === 'draft' || a.status === 'returned');
  if (!open) throw new AppError(applications.length ? 'application_locked' : 'no_open_application');
  await addDocument({
    deps: ctx.deps.core,
    actor: ctx.actor,
    applicationId: open.id,
    kind,
    source: 'bot',
    file: { fileId: ctx.match[1]! },
  });
  await ctx.answerCallbackQuery({ text: ctx.t('certificates:bot.attachedToast') });
  await ctx.editMessageText(
    ctx.t('certificates:bot.attached', { kind: ctx.t(`certificates:documentKind.${kind}`) }),
    { reply_markup: appButton(ctx, `certificates/applications/${open.id}`) },
  );
});
