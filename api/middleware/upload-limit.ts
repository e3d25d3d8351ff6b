import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors';
import type { AppEnv } from '../context';

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Refuses an upload over MAX_UPLOAD_MB with 413 before reading it (Content-Length), or as soon as a
 * streamed body passes the limit — a 50 MB upload never reaches memory, and nothing is stored.
 */
export const uploadLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const maxBytes = c.get('services').deps.config.maxUploadBytes;
  const maxMb = Math.round((maxBytes / 1048576) * 10) / 10;
  return bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD,
    onError: () => {
      throw new AppError('payload_too_large', { params: { maxMb } });
    },
  })(c, next);
};
