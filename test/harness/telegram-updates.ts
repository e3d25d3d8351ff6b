// Builds the Telegram updates a private-chat user would produce, for bot tests, the Telegram sandbox
// and `npm run chat`. Shapes follow https://core.telegram.org/bots/api#update.
import type { Chat, Contact, Document, Message, MessageEntity, PhotoSize, Update, User } from 'grammy/types';

export interface UpdateUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface UpdateIds {
  update_id?: number;
  message_id?: number;
  /** Unix seconds; defaults to now. */
  date?: number;
}

// Defaults only need to be unique within one process; the Telegram sandbox renumbers update_id anyway.
let lastUpdateId = 0;
let lastMessageId = 0;
let lastQueryId = 0;

function nextUpdateId(given?: number): number {
  if (given !== undefined) {
    lastUpdateId = Math.max(lastUpdateId, given);
    return given;
  }
  lastUpdateId += 1;
  return lastUpdateId;
}

function nextMessageId(given?: number): number {
  if (given !== undefined) {
    lastMessageId = Math.max(lastMessageId, given);
    return given;
  }
  lastMessageId += 1;
  return lastMessageId;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function telegramUser(user: UpdateUser): User {
  const u: User = { id: user.id, is_bot: false, first_name: user.first_name ?? `User ${user.id}` };
  if (user.last_name !== undefined) u.last_name = user.last_name;
  if (user.username !== undefined) u.username = user.username;
  if (user.language_code !== undefined) u.language_code = user.language_code;
  return u;
}

function privateChat(user: UpdateUser): Chat.PrivateChat {
  const chat: Chat.PrivateChat = {
    id: user.id,
    type: 'private',
    first_name: user.first_name ?? `User ${user.id}`,
  };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

function baseMessage(user: UpdateUser, opts: UpdateIds) {
  return {
    message_id: nextMessageId(opts.message_id),
    date: opts.date ?? nowSeconds(),
    chat: privateChat(user),
    from: telegramUser(user),
  };
}

/** The bot_command entity Telegram adds when a message starts with "/": it covers "/cmd" or "/cmd@bot". */
export function commandEntities(text: string): MessageEntity[] {
  const match = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return match ? [{ type: 'bot_command', offset: 0, length: match[0].length }] : [];
}

export function textUpdate(user: UpdateUser, text: string, opts: UpdateIds = {}): Update {
  const entities = commandEntities(text);
  return {
    update_id: nextUpdateId(opts.update_id),
    message: { ...baseMessage(user, opts), text, ...(entities.length > 0 ? { entities } : {}) },
  };
}

export interface CallbackOptions {
  update_id?: number;
  /** callback_query.id; defaults to a fresh one. */
  id?: string;
}

/**
 * A press on an inline button under `message` (a message the bot sent, e.g. the `result` of a recorded
 * sendMessage call).
 */
export function callbackUpdate(
  user: UpdateUser,
  message: Message,
  data: string,
  opts: CallbackOptions = {},
): Update {
  lastQueryId += 1;
  return {
    update_id: nextUpdateId(opts.update_id),
    callback_query: {
      id:
        opts.id ??
        `${Date.now().toString(36)}${lastQueryId.toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      from: telegramUser(user),
      message,
      // Telegram gives one opaque value per chat; derived from the chat id so it is stable.
      chat_instance: `ci${Math.abs(message.chat.id)}`,
      data,
    },
  };
}

export interface MediaOptions extends UpdateIds {
  caption?: string;
}

export function photoUpdate(
  user: UpdateUser,
  photo: { file_id: string; file_unique_id: string; file_size?: number; width?: number; height?: number },
  opts: MediaOptions = {},
): Update {
  const size: PhotoSize = {
    file_id: photo.file_id,
    file_unique_id: photo.file_unique_id,
    width: photo.width ?? 1280,
    height: photo.height ?? 960,
  };
  if (photo.file_size !== undefined) size.file_size = photo.file_size;
  return {
    update_id: nextUpdateId(opts.update_id),
    message: {
      ...baseMessage(user, opts),
      photo: [size],
      ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
    },
  };
}

export function documentUpdate(
  user: UpdateUser,
  document: {
    file_id: string;
    file_unique_id: string;
    file_size?: number;
    file_name?: string;
    mime_type?: string;
  },
  opts: MediaOptions = {},
): Update {
  const doc: Document = { file_id: document.file_id, file_unique_id: document.file_unique_id };
  if (document.file_size !== undefined) doc.file_size = document.file_size;
  if (document.file_name !== undefined) doc.file_name = document.file_name;
  if (document.mime_type !== undefined) doc.mime_type = document.mime_type;
  return {
    update_id: nextUpdateId(opts.update_id),
    message: {
      ...baseMessage(user, opts),
      document: doc,
      ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
    },
  };
}

/** What a "share my phone number" (request_contact) keyboard button sends. */
export function contactUpdate(user: UpdateUser, phoneNumber: string, opts: UpdateIds = {}): Update {
  const contact: Contact = {
    phone_number: phoneNumber,
    first_name: user.first_name ?? `User ${user.id}`,
    user_id: user.id,
  };
  if (user.last_name !== undefined) contact.last_name = user.last_name;
  return { update_id: nextUpdateId(opts.update_id), message: { ...baseMessage(user, opts), contact } };
}
