import type { CoreDeps } from '../deps';
import type { TNotifyUserJob } from './jobs';

/**
 * Queues a chat message to a person, rendered in their language when it is sent. Queued, not sent
 * inline, so a slow or failing Telegram never fails the officer's action and is retried.
 */
export async function notifyUser(options: {
  deps: CoreDeps;
  message: Omit<TNotifyUserJob, 'type'>;
}): Promise<void> {
  await options.deps.jobs.send({ type: 'notify-user', ...options.message });
}
