import { eq, sql } from 'drizzle-orm';
import {
  applicationDocuments,
  type CertificateData,
  certificateSerials,
  certificates,
  townships,
  villages,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { todayInShanghai } from '../review/working-days';
import { issuesToFields } from '../validation';
import { decideAsOwner, notifyApplicant } from './application-records';
import { applicationFormSchema, requiredDocuments, type TApplicationForm } from './application-schema';
import { buildCertificatePayload, importSigningKey } from './certificate-signing';
import { checkCodeFromToken } from './check-code';

/**
 * The owning reviewer issues the certificate: a serial unique per township and year, a validity of
 * N years, and the essential data signed with the office's Ed25519 key into the QR payload. The PDF
 * is rendered and sent to the holder by the queue, so issuing never waits on fonts or Telegram.
 */
export async function issueCertificate(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const settings = deps.config.certificates;
  const key = await importSigningKey(settings.signingKey.seed, settings.signingKey.keyId);
  const today = todayInShanghai(now);

  let certificate: typeof certificates.$inferSelect | undefined;
  const application = await decideAsOwner(deps, actor, options.applicationId, async (tx, row) => {
    // The form was valid at submission; check again so nothing invalid is ever signed.
    const parsed = applicationFormSchema({ today }).safeParse(row.form);
    if (!parsed.success)
      throw new AppError('validation_failed', { fields: issuesToFields(parsed.error.issues) });
    const form = parsed.data;
    const kinds = new Set(
      (
        await tx
          .select({ kind: applicationDocuments.kind })
          .from(applicationDocuments)
          .where(eq(applicationDocuments.applicationId, row.id))
      ).map((d) => d.kind),
    );
    const missing = requiredDocuments(form).filter((k) => !kinds.has(k));
    if (missing.length > 0) {
      throw new AppError('validation_failed', {
        fields: missing.map((k) => ({
          path: `documents.${k}`,
          message: `certificates:validation.documentMissing.${k}`,
        })),
      });
    }

    const [township] = await tx
      .select({
        id: townships.id,
        code: townships.code,
        name: townships.name,
        officeName: townships.officeName,
      })
      .from(villages)
      .innerJoin(townships, eq(townships.id, villages.townshipId))
      .where(eq(villages.id, row.villageId!));
    if (!township) throw new AppError('invalid_transition');

    const year = Number(today.slice(0, 4));
    const [counter] = await tx
      .insert(certificateSerials)
      .values({ townshipId: township.id, year, lastSeq: 1 })
      .onConflictDoUpdate({
        target: [certificateSerials.townshipId, certificateSerials.year],
        set: { lastSeq: sql`${certificateSerials.lastSeq} + 1` },
      })
      .returning({ seq: certificateSerials.lastSeq });
    const seq = counter!.seq;
    const serial = `${township.code.toUpperCase()}-${year}-${String(seq).padStart(6, '0')}`;
    const validUntil = validUntilDate(today, settings.validityYears);
    const data = certificateData(form, { code: township.code, name: township.officeName || township.name });
    const payload = await buildCertificatePayload(
      {
        serial,
        name: data.name,
        sex: data.sex,
        idNumber: data.idNumber,
        maritalStatus: data.maritalStatus,
        childrenCount: data.children.length,
        issuerCode: township.code,
        issueDate: today,
        validUntil,
      },
      key,
    );
    [certificate] = await tx
      .insert(certificates)
      .values({
        applicationId: row.id,
        holderUserId: row.applicantUserId,
        villageId: row.villageId,
        townshipId: township.id,
        serial,
        year,
        seq,
        data,
        issuedAt: now,
        validUntil,
        issuedBy: actor.userId,
        keyId: key.kid,
        checkCode: checkCodeFromToken(deps.ids.token(5)),
        payload,
      })
      .returning();
    return { set: { status: 'issued', decidedAt: now }, event: { type: 'issued', details: { serial } } };
  });
  const issued = { certificate: certificate!, application };

  // "Your certificate is issued" first; the PDF follows as the reply to it (queued once it is sent).
  await notifyApplicant(
    deps,
    issued.application,
    'issued',
    { serial: issued.certificate.serial, validUntil: issued.certificate.validUntil },
    { type: 'deliver-certificate', certificateId: issued.certificate.id },
  );
  return {
    id: issued.certificate.id,
    serial: issued.certificate.serial,
    validUntil: issued.certificate.validUntil,
    checkCode: issued.certificate.checkCode,
    payload: issued.certificate.payload,
  };
}

/** Valid through the day before the same date N years later (2026-11-27 + 3 years → 2029-11-26). */
export function validUntilDate(issueDate: string, years: number): string {
  const [y, m, d] = issueDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

function certificateData(form: TApplicationForm, issuer: CertificateData['issuer']): CertificateData {
  return {
    name: form.applicant.name,
    sex: form.applicant.sex,
    birthDate: form.applicant.birthDate,
    idNumber: form.applicant.idNumber,
    hukouAddress: form.hukouAddress,
    currentResidence: form.currentResidence.address,
    residenceSince: form.currentResidence.since ?? null,
    maritalStatus: form.marital.status,
    marriageDate: form.marital.marriageDate ?? null,
    spouse: form.marital.spouse
      ? { name: form.marital.spouse.name, idNumber: form.marital.spouse.idNumber }
      : null,
    children: form.children.map((c) => ({ name: c.name, sex: c.sex, birthDate: c.birthDate })),
    issuer,
  };
}
