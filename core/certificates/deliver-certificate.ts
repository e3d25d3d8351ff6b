import { eq } from 'drizzle-orm';
import { certificates, users } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n';
import { certificatePdfBytes } from './certificate-pdf-file';

/**
 * The queue job after issuing: renders and keeps the PDF, and returns what the bot sends to the
 * holder (a document with a caption in their language). Null when there is nothing to send.
 */
export async function deliverCertificate(options: {
  deps: CoreDeps;
  certificateId: string;
  loadFont: () => Promise<Uint8Array>;
}) {
  const { deps } = options;
  const [row] = await deps.db
    .select({ cert: certificates, telegramId: users.telegramId, language: users.language })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.holderUserId))
    .where(eq(certificates.id, options.certificateId));
  if (row?.cert.status !== 'valid') return null;
  const bytes = await certificatePdfBytes(deps, row.cert, options.loadFont);
  const t = translator(row.language, 'certificates');
  return {
    chatId: row.telegramId,
    fileName: `${row.cert.serial}.pdf`,
    bytes,
    caption: t('notify.documentCaption', { serial: row.cert.serial, validUntil: row.cert.validUntil }),
  };
}
