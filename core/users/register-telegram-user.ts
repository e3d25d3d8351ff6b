import { sql } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { languageFromTelegram } from '../i18n/languages';

export interface TelegramIdentity {
  id: number;
  first_name?: string;
  last_name?: string;
  language_code?: string;
}

function displayNameOf(who: TelegramIdentity): string {
  const name = [who.first_name, who.last_name].filter(Boolean).join(' ').trim();
  return name.slice(0, 128) || String(who.id);
}

/**
 * The personal file (档案) starts when a person first talks to the bot or opens the mini app.
 * First contact takes the language from Telegram; later contacts keep the language the person chose.
 * `updated_at` moves only when the name changes: a contact is not recorded as such, so the time a
 * person last wrote (say, the minute they sent a tip-off) is nowhere (test/integration/bot/tip-privacy).
 */
export async function registerTelegramUser(options: { deps: CoreDeps; who: TelegramIdentity }) {
  const { db, clock } = options.deps;
  const [row] = await db
    .insert(users)
    .values({
      telegramId: options.who.id,
      displayName: displayNameOf(options.who),
      language: languageFromTelegram(options.who.language_code),
    })
    .onConflictDoUpdate({
      target: users.telegramId,
      set: {
        displayName: sql`excluded.display_name`,
        updatedAt: sql`case when ${users.displayName} is distinct from excluded.display_name
          then ${clock.now().toISOString()}::timestamptz else ${users.updatedAt} end`,
      },
    })
    .returning();
  return row!;
}
