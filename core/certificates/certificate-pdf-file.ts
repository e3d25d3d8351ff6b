// The PDF of an issued certificate, rendered once and kept in R2; later requests read the stored copy.
// Shared by the holder's download and the delivery job. Not a use case itself.
import { eq } from 'drizzle-orm';
import { type CertificateData, certificates, storedFiles } from '../../db/schema';
import { verifyPageUrl } from '../config';
import type { CoreDeps } from '../deps';
import { storeFile } from '../files/store-file';
import { logEvent } from '../log';
import type { TApplicationForm } from './application-schema';
import { certificateQrText } from './qr-text';
import { renderCertificatePdf } from './render-certificate-pdf';

export type CertificateRow = typeof certificates.$inferSelect;
export const CERTIFICATE_PDF_PURPOSE = 'certificate_pdf';

export async function certificatePdfBytes(
  deps: CoreDeps,
  cert: CertificateRow,
  loadFont: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (cert.pdfFileId) {
    const [file] = await deps.db.select().from(storedFiles).where(eq(storedFiles.id, cert.pdfFileId));
    const object = file ? await deps.files.get(file.objectKey) : null;
    if (object) return new Uint8Array(await object.arrayBuffer());
  }
  const rendered = await renderCertificatePdf({
    certificate: {
      serial: cert.serial,
      checkCode: cert.checkCode,
      form: formOf(cert.data),
      issuingOffice: cert.data.issuer.name,
      issueDate: new Date(cert.issuedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
      validUntil: cert.validUntil,
    },
    payload: certificateQrText(deps.config, cert),
    verifyUrl: verifyPageUrl(deps.config, cert.serial),
    fontBytes: await loadFont(),
    now: cert.issuedAt,
  });
  if (rendered.missingGlyphs.length > 0) {
    // Which characters, not whose: a count is enough to alert without logging a name.
    logEvent('warn', 'certificate font lacks glyphs', {
      serial: cert.serial,
      missing: rendered.missingGlyphs.length,
    });
  }
  const stored = await storeFile({
    deps,
    ownerUserId: cert.holderUserId,
    purpose: CERTIFICATE_PDF_PURPOSE,
    bytes: rendered.pdf,
    maxBytes: 20 * 1024 * 1024,
  });
  await deps.db.update(certificates).set({ pdfFileId: stored.id }).where(eq(certificates.id, cert.id));
  return rendered.pdf;
}

function formOf(data: CertificateData): TApplicationForm {
  return {
    applicant: { name: data.name, sex: data.sex, birthDate: data.birthDate, idNumber: data.idNumber },
    hukouAddress: data.hukouAddress,
    currentResidence: {
      address: data.currentResidence,
      ...(data.residenceSince ? { since: data.residenceSince } : {}),
    },
    marital: {
      status: data.maritalStatus,
      ...(data.marriageDate ? { marriageDate: data.marriageDate } : {}),
      ...(data.spouse ? { spouse: data.spouse } : {}),
    },
    children: data.children,
  };
}
