// Consumer of the JOBS queue: one message per job; a failed job is retried by the queue (and ends
// in the dead-letter queue after max_retries), the rest of the batch is acknowledged.

import { errorSummary, logEvent } from '../core/log';
import { ZJob } from '../core/notifications/jobs';
import { renderNotification } from '../core/notifications/render-notification';
import type { Services } from './context';

export async function consumeJobs(batch: MessageBatch<unknown>, services: Services): Promise<void> {
  for (const message of batch.messages) {
    const parsed = ZJob.safeParse(message.body);
    if (!parsed.success) {
      logEvent('error', 'dropping malformed job', { queue: batch.queue, messageId: message.id });
      message.ack();
      continue;
    }
    try {
      const job = parsed.data;
      if (job.type === 'notify-user') {
        const rendered = await renderNotification({ deps: services.deps, job });
        if (rendered) await services.bot().api.sendMessage(rendered.chatId, rendered.text);
      }
      message.ack();
    } catch (e) {
      logEvent('warn', 'job failed, will retry', {
        messageId: message.id,
        attempts: message.attempts,
        ...errorSummary(e),
      });
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}
