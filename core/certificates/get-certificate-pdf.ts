import { eq } from 'drizzle-orm';
import { certificates } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { certificatePdfBytes } from './certificate-pdf-file';
import { certificatePolicy } from './certificate-policy';

/** The certificate PDF for its holder, or for officers of its village (audited). */
export async function getCertificatePdf(options: {
  deps: CoreDeps;
  actor: Actor;
  serial: string;
  loadFont: () => Promise<Uint8Array>;
}) {
  const { deps, actor } = options;
  const [cert] = await deps.db
    .select()
    .from(certificates)
    .where(eq(certificates.serial, options.serial.toUpperCase()));
  if (!cert) throw new AppError('not_found');
  enforce(certificatePolicy.readPdf, actor, cert);
  if (cert.holderUserId !== actor.userId) {
    await recordAudit({
      deps,
      entry: {
        actorUserId: actor.userId,
        action: 'certificate.pdf.read',
        recordType: 'certificate',
        recordId: cert.id,
      },
    });
  }
  return { bytes: await certificatePdfBytes(deps, cert, options.loadFont), fileName: `${cert.serial}.pdf` };
}
