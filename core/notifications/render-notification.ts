import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { miniAppUrl } from '../config';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n';
import type { TNotifyUserJob } from './jobs';

/** Builds the chat message for a notify-user job in the recipient's current language. */
export async function renderNotification(options: { deps: CoreDeps; job: TNotifyUserJob }) {
  const { deps, job } = options;
  const [user] = await deps.db
    .select({ telegramId: users.telegramId, language: users.language })
    .from(users)
    .where(eq(users.id, job.userId));
  if (!user) return null;
  const t = translator(user.language, 'bot');
  return {
    chatId: user.telegramId,
    text: t(job.messageKey, job.params),
    button: job.button
      ? { text: t(job.button.textKey), url: miniAppUrl(deps.config, job.button.path) }
      : undefined,
  };
}
