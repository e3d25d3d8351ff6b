// What the mini app checks before sending a file: its size against MAX_UPLOAD_MB (from /api/config)
// and its type against the types the server accepts — so a 20 MB video is refused at once instead of
// after a long upload. Only a courtesy: the server still checks the bytes themselves (store-file.ts).
import { ACCEPTED_CONTENT_TYPES } from './sniff-content-type';

/** The file picker's `accept`: the types, and their extensions for pickers that only know those. */
export const UPLOAD_ACCEPT = [...ACCEPTED_CONTENT_TYPES, '.jpg', '.jpeg', '.png', '.pdf'].join(',');
const EXTENSIONS = /\.(jpe?g|png|pdf)$/i;

export type UploadPrecheck = 'payload_too_large' | 'unsupported_media_type' | null;

/** null when the file may be sent; otherwise the error code the server would answer with. */
export function precheckUpload(
  file: { name: string; size: number; type: string },
  maxMb: number,
): UploadPrecheck {
  if (file.size > maxMb * 1024 * 1024) return 'payload_too_large';
  // Some pickers give no type, or an old alias (image/pjpeg): a matching extension is enough here —
  // the server decides by the bytes anyway; this only spares a long upload of a video or a document.
  const typeOk = (ACCEPTED_CONTENT_TYPES as readonly string[]).includes(file.type.toLowerCase());
  return typeOk || EXTENSIONS.test(file.name) ? null : 'unsupported_media_type';
}
