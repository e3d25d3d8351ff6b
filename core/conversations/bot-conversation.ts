// The state of a person's multi-step chat conversations (a tip-off draft, the /file item a photo is
// for): one row per person and kind, replaced by each step, gone when the conversation ends or
// expires. A typed answer or a photo belongs to the conversation touched last.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { type BotConversationKind, botConversations } from '../../db/schema';
import type { CoreDeps } from '../deps';

/** A draft left alone this long is forgotten (the maintenance cron deletes it). */
export const CONVERSATION_TTL_HOURS = 24;

export interface Conversation<T = Record<string, unknown>> {
  kind: BotConversationKind;
  step: string;
  data: T;
}

/** The person's conversation of this kind — or, without a kind, the one touched last — unless expired. */
export async function loadConversation<T = Record<string, unknown>>(options: {
  deps: CoreDeps;
  userId: string;
  kind?: BotConversationKind;
}): Promise<Conversation<T> | undefined> {
  const { db, clock } = options.deps;
  const [row] = await db
    .select()
    .from(botConversations)
    .where(
      and(
        eq(botConversations.userId, options.userId),
        gt(botConversations.expiresAt, clock.now()),
        options.kind ? eq(botConversations.kind, options.kind) : undefined,
      ),
    )
    .orderBy(desc(botConversations.updatedAt))
    .limit(1);
  return row ? { kind: row.kind, step: row.step, data: row.data as T } : undefined;
}

/** Starts or advances the conversation of its kind (the person's other conversations stay). */
export async function saveConversation(options: {
  deps: CoreDeps;
  userId: string;
  conversation: Conversation<object>;
}): Promise<void> {
  const { db, clock } = options.deps;
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + CONVERSATION_TTL_HOURS * 3_600_000);
  const values = {
    step: options.conversation.step,
    data: options.conversation.data,
    updatedAt: now,
    expiresAt,
  };
  await db
    .insert(botConversations)
    .values({ userId: options.userId, kind: options.conversation.kind, ...values })
    .onConflictDoUpdate({ target: [botConversations.userId, botConversations.kind], set: values });
}

/** Ends the conversation (of this kind only, when given): the draft is deleted. */
export async function clearConversation(options: {
  deps: CoreDeps;
  userId: string;
  kind?: BotConversationKind;
}): Promise<void> {
  await options.deps.db
    .delete(botConversations)
    .where(
      and(
        eq(botConversations.userId, options.userId),
        options.kind ? eq(botConversations.kind, options.kind) : undefined,
      ),
    );
}

/** Maintenance: deletes drafts nobody touched for CONVERSATION_TTL_HOURS. */
export async function purgeExpiredConversations(options: { deps: CoreDeps }): Promise<number> {
  const rows = await options.deps.db
    .delete(botConversations)
    .where(lt(botConversations.expiresAt, options.deps.clock.now()))
    .returning({ kind: botConversations.kind });
  return rows.length;
}
