import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n';
import type { TJob } from './jobs';

/** Builds the chat message for a notify-user job in the recipient's current language. */
export async function renderNotification(options: {
  deps: CoreDeps;
  job: Extract<TJob, { type: 'notify-user' }>;
}) {
  const [user] = await options.deps.db
    .select({ telegramId: users.telegramId, language: users.language })
    .from(users)
    .where(eq(users.id, options.job.userId));
  if (!user) return null;
  const t = translator(user.language, 'bot');
  return { chatId: user.telegramId, text: t(options.job.messageKey, options.job.params) };
}
