// Consumer of the JOBS and BROADCAST queues: one message per job; a failed job is retried by the queue
// (and ends in its dead-letter queue after max_retries), the rest of the batch is acknowledged.
// Campaign send batches run side by side (the governor paces them); other jobs one after another.
import { InlineKeyboard, InputFile } from 'grammy';
import { materializeRecipients } from '../core/campaigns/materialize-recipients';
import { sendCampaignBatch } from '../core/campaigns/send-campaign-batch';
import { deliverCertificate } from '../core/certificates/deliver-certificate';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../core/infra-errors';
import { errorSummary, logEvent } from '../core/log';
import { type TJob, ZJob } from '../core/notifications/jobs';
import { renderNotification } from '../core/notifications/render-notification';
import { dropTipLink, renderTipNotification } from '../core/tipoffs/render-tip-notification';
import type { Services } from './context';
import { loadCertificateFont } from './routes/certificates/certificate-font';

export async function consumeJobs(batch: MessageBatch<unknown>, services: Services): Promise<void> {
  const parallel: Promise<void>[] = [];
  for (const message of batch.messages) {
    const parsed = ZJob.safeParse(message.body);
    if (!parsed.success) {
      logEvent('error', 'dropping malformed job', { queue: batch.queue, messageId: message.id });
      message.ack();
      continue;
    }
    if (parsed.data.type === 'campaign-send') parallel.push(consumeOne(message, parsed.data, services));
    else await consumeOne(message, parsed.data, services);
  }
  await Promise.all(parallel);
}

async function consumeOne(message: Message<unknown>, job: TJob, services: Services): Promise<void> {
  try {
    await runJob(job, services);
    message.ack();
  } catch (e) {
    // The database being away is no fault of the job: say so, and give it time to come back.
    const unavailable = isDatabaseUnavailable(e);
    logEvent('warn', unavailable ? 'job deferred: database unavailable' : 'job failed, will retry', {
      type: job.type,
      messageId: message.id,
      attempts: message.attempts,
      ...errorSummary(e),
    });
    const backoff = Math.min(60, 2 ** message.attempts);
    message.retry({ delaySeconds: unavailable ? Math.max(DATABASE_RETRY_AFTER_SECONDS, backoff) : backoff });
  }
}

export async function runJob(job: TJob, services: Services): Promise<void> {
  const { deps } = services;
  switch (job.type) {
    case 'notify-user': {
      const rendered = await renderNotification({ deps, job });
      const sent = rendered
        ? await services.bot().api.sendMessage(rendered.chatId, rendered.text, {
            ...(rendered.button
              ? { reply_markup: new InlineKeyboard().webApp(rendered.button.text, rendered.button.url) }
              : {}),
          })
        : null;
      // What the message announced goes out after it (a failed send above retries this whole job).
      if (job.followUp)
        await deps.jobs.send({ ...job.followUp, ...(sent ? { replyToMessageId: sent.message_id } : {}) });
      return;
    }
    case 'tip-notify': {
      // The job names only the opt-in link; the chat is read here, and the link may be gone (opted out).
      const rendered = await renderTipNotification({ deps, job });
      if (rendered) await services.bot().api.sendMessage(rendered.chatId, rendered.text);
      if (job.deleteAfter) await dropTipLink({ deps, linkId: job.linkId });
      return;
    }
    case 'deliver-certificate': {
      const delivery = await deliverCertificate({
        deps,
        certificateId: job.certificateId,
        loadFont: () => loadCertificateFont(services),
      });
      if (!delivery) return;
      await services
        .bot()
        .api.sendDocument(delivery.chatId, new InputFile(delivery.bytes, delivery.fileName), {
          caption: delivery.caption,
          ...(job.replyToMessageId
            ? { reply_parameters: { message_id: job.replyToMessageId, allow_sending_without_reply: true } }
            : {}),
        });
      return;
    }
    case 'campaign-materialize': {
      const result = await materializeRecipients({ deps, campaignId: job.campaignId });
      logEvent('info', 'campaign recipients materialised', { campaignId: job.campaignId, ...result });
      return;
    }
    case 'campaign-send': {
      const result = await sendCampaignBatch({
        deps,
        job,
        governor: services.governor(),
        sender: services.campaignSender(),
      });
      logEvent('info', 'campaign batch done', { campaignId: job.campaignId, ...result });
      return;
    }
  }
}
