import { eq } from 'drizzle-orm';
import { certificates } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, assertCanActInVillage } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { certificatePdfBytes } from './certificate-pdf-file';

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
  if (cert.holderUserId !== actor.userId) {
    if (actor.roles.length === 0) throw new AppError('not_found');
    assertCanActInVillage(actor, ['reviewer', 'admin'], cert.villageId);
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
