// A photo or document a person sent to the bot: which file it is, and its bytes — after the upload
// budget (the same one the mini app spends) and the size cap. Certificates, tip-offs and the service
// file all take files this way.
import type { Message } from 'grammy/types';
import { AppError } from '../core/errors';
import { sanitizeUpload } from '../core/files/sanitize-upload';
import { sniffContentType } from '../core/files/sniff-content-type';
import { spendRateLimit } from '../core/rate-limit/spend-rate-limit';
import type { BotContext } from './context';

export interface SentFile {
  fileId: string;
  /** The document's name in the chat (photos have none). */
  fileName?: string | null;
  size?: number;
}

export function sentFileOf(message: Message): SentFile | undefined {
  const photo = message.photo?.at(-1); // the largest size Telegram made
  if (photo) return { fileId: photo.file_id, fileName: null, size: photo.file_size };
  const doc = message.document;
  if (doc) return { fileId: doc.file_id, fileName: doc.file_name ?? null, size: doc.file_size };
  return undefined;
}

/** Spends one upload from the person's budget, then downloads the file from Telegram. */
export async function downloadSentFile(ctx: BotContext, file: SentFile): Promise<Uint8Array> {
  const refusal = await spendRateLimit({
    limiter: ctx.deps.limiter(),
    settings: ctx.deps.core.config.rateLimits,
    policy: 'uploads',
    identity: `user:${ctx.actor.userId}:upload`,
    requestId: ctx.deps.core.requestId,
  });
  if (refusal) throw refusal;
  const max = ctx.deps.core.config.maxUploadBytes;
  if ((file.size ?? 0) > max) {
    throw new AppError('payload_too_large', { params: { maxMb: Math.round((max / 1048576) * 10) / 10 } });
  }
  const info = await ctx.api.getFile(file.fileId);
  if (!info.file_path) throw new AppError('bad_request');
  const bytes = await ctx.deps.downloadFile(info.file_path);
  if (bytes.byteLength > max) {
    throw new AppError('payload_too_large', { params: { maxMb: Math.round((max / 1048576) * 10) / 10 } });
  }
  return bytes;
}

/**
 * The checks a stored upload will meet (type by its bytes, image structure and size, inert PDF), run
 * now so the person hears a refusal while still in the conversation; nothing is kept.
 */
export async function checkSentFile(ctx: BotContext, bytes: Uint8Array): Promise<void> {
  const contentType = sniffContentType(bytes);
  if (!contentType) throw new AppError('unsupported_media_type');
  await sanitizeUpload(bytes, contentType, ctx.deps.core.config.imageLimits);
}
