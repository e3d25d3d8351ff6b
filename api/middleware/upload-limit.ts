import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { AppError } from '../../core/errors';
import type { AppEnv } from '../context';
import { byUser, rateLimit } from './rate-limit';

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Refuses an upload over MAX_UPLOAD_MB with 413 before reading it (Content-Length), or as soon as a
 * streamed body passes the limit — a 50 MB upload never reaches memory, and nothing is stored.
 */
export const sizeLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const maxBytes = c.get('services').deps.config.maxUploadBytes;
  const maxMb = Math.round((maxBytes / 1048576) * 10) / 10;
  return bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD,
    onError: () => {
      throw new AppError('payload_too_large', { params: { maxMb } });
    },
  })(c, next);
};

/**
 * Every upload route's guard (after requireUser): at most RATE_LIMIT_UPLOADS_PER_MINUTE uploads per
 * person (documents and campaign images together), then the size cap.
 */
export const uploadLimit: MiddlewareHandler<AppEnv> = every(
  rateLimit('uploads', byUser('upload')),
  sizeLimit,
);
