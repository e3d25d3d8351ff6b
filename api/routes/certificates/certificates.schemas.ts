// Response schemas of the certificate routes (OpenAPI); the mini app reads the same types.
import { z } from '@hono/zod-openapi';

const ZDocumentKind = z.enum(['id_card', 'hukou_page', 'marriage_certificate', 'other']);
const ZApplicationStatus = z.enum(['draft', 'submitted', 'in_review', 'returned', 'issued', 'rejected']);
const ZTimestamp = z.string().openapi({ format: 'date-time' });
const ZCertificateState = z.enum(['valid', 'expired', 'revoked']);

export const ZReturnItem = z.object({ target: z.string(), note: z.string() });

export const ZCertificateSummary = z
  .object({
    serial: z.string(),
    status: z.enum(['valid', 'revoked']),
    issuedAt: ZTimestamp,
    validUntil: z.string().openapi({ format: 'date' }),
    checkCode: z
      .string()
      .openapi({ description: 'Printed beside the serial; the public look-up needs it (8 characters)' }),
    payload: z.string().openapi({ description: 'Signed QR payload (docs/certificate-qr-format.md)' }),
    revokeReason: z.string().nullable(),
    revokedAt: ZTimestamp.nullable(),
    /** What to show: revoked beats expired beats valid (core/certificates/certificate-standing.ts). */
    standing: ZCertificateState,
    verifyUrl: z.string(),
    qrText: z
      .string()
      .openapi({ description: 'What the QR code encodes: verifyUrl#<percent-encoded payload>' }),
  })
  .openapi('CertificateSummary');

export const ZApplicationView = z
  .object({
    id: z.uuid(),
    status: ZApplicationStatus,
    villageId: z.number().nullable(),
    villageName: z.string().nullable(),
    form: z.record(z.string(), z.unknown()),
    version: z.number(),
    submissionCount: z.number(),
    submittedAt: ZTimestamp.nullable(),
    deadlineAt: ZTimestamp.nullable(),
    decidedAt: ZTimestamp.nullable(),
    overdue: z.boolean(),
    returnItems: z.array(ZReturnItem).nullable(),
    rejectReason: z.string().nullable(),
    requiredDocuments: z.array(ZDocumentKind),
    documents: z.array(
      z.object({
        id: z.uuid(),
        kind: ZDocumentKind,
        /** What an 'other' document is, in the applicant's words. */
        label: z.string().nullable(),
        /** The name it was uploaded under (cleaned); null for a photo sent in the chat. */
        fileName: z.string().nullable(),
        source: z.enum(['mini_app', 'bot']),
        createdAt: ZTimestamp,
        contentType: z.string(),
        sizeBytes: z.number(),
      }),
    ),
    history: z.array(
      z.object({
        type: z.string(),
        at: ZTimestamp,
        details: z.record(z.string(), z.unknown()),
        by: z.enum(['system', 'applicant', 'officer']),
        actorName: z.string().nullable().optional(),
      }),
    ),
    certificate: ZCertificateSummary.nullable(),
  })
  .openapi('ApplicationView');

/** The applicant's page: whether the form may still be changed comes from the application policy. */
export const ZOwnApplicationView = ZApplicationView.extend({
  can: z.object({ edit: z.boolean() }),
}).openapi('OwnApplicationView');

const ZDocumentRef = z.object({
  id: z.uuid(),
  kind: ZDocumentKind,
  label: z.string().nullable(),
  fileName: z.string().nullable(),
});

/** On a resubmission: what the applicant changed since the office returned it. */
export const ZChangesSinceReturn = z
  .object({
    returnedAt: ZTimestamp,
    fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
    villageChanged: z.boolean(),
    documentsAdded: z.array(ZDocumentRef),
    documentsRemoved: z.array(ZDocumentRef),
  })
  .openapi('ChangesSinceReturn');

export const ZReviewView = ZApplicationView.extend({
  applicant: z.object({ userId: z.uuid(), displayName: z.string() }),
  owner: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
  /** What this officer may do now, from the application and certificate policies. */
  can: z.object({ claim: z.boolean(), decide: z.boolean(), handOver: z.boolean(), revoke: z.boolean() }),
  changesSinceReturn: ZChangesSinceReturn.nullable(),
}).openapi('ReviewView');

export const ZApplicationListItem = z.object({
  id: z.uuid(),
  status: ZApplicationStatus,
  createdAt: ZTimestamp,
  submittedAt: ZTimestamp.nullable(),
  deadlineAt: ZTimestamp.nullable(),
  decidedAt: ZTimestamp.nullable(),
  serial: z.string().nullable(),
  certificateStatus: z.enum(['valid', 'revoked']).nullable(),
  /** What to show: revoked beats expired beats valid (core/certificates/certificate-standing.ts). */
  certificateState: ZCertificateState.nullable(),
  validUntil: z.string().nullable(),
  revokedAt: ZTimestamp.nullable(),
});

export const ZQueueItem = z.object({
  id: z.uuid(),
  status: ZApplicationStatus,
  villageId: z.number().nullable(),
  villageName: z.string().nullable(),
  applicantName: z.string().nullable(),
  submittedAt: ZTimestamp.nullable(),
  deadlineAt: ZTimestamp.nullable(),
  decidedAt: ZTimestamp.nullable(),
  submissionCount: z.number(),
  ownerOfficerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
  certificateState: ZCertificateState.nullable(),
});

const ZCounts = z.object({ open: z.number(), overdue: z.number(), decidedLate: z.number() });
export const ZDashboard = z
  .object({
    byStatus: z.object({
      submitted: z.number(),
      in_review: z.number(),
      returned: z.number(),
      issued: z.number(),
      revoked: z.number(),
      rejected: z.number(),
    }),
    overdueNow: z.number(),
    perOfficer: z.array(ZCounts.extend({ officerUserId: z.uuid().nullable(), name: z.string() })),
    perVillage: z.array(ZCounts.extend({ villageId: z.number().nullable(), name: z.string() })),
    decisions: z.object({
      windowDays: z.number(),
      decided: z.number(),
      late: z.number(),
      medianHours: z.number().nullable(),
    }),
    weekly: z.array(z.object({ week: z.string(), submitted: z.number(), decided: z.number() })),
  })
  .openapi('ReviewDashboard');

export const ZVerification = z
  .object({
    serial: z.string(),
    result: z.enum(['valid', 'expired', 'revoked', 'not_found']),
    holder: z.object({ name: z.string(), idNumber: z.string(), sex: z.enum(['male', 'female']) }).optional(),
    maritalStatus: z.string().optional(),
    childrenCount: z.number().optional(),
    issuer: z.string().optional(),
    issuedAt: ZTimestamp.optional(),
    validUntil: z.string().optional(),
    revokedAt: ZTimestamp.nullable().optional(),
    keyId: z.string().optional(),
  })
  .openapi('CertificateVerification');

export const ZSigningKeys = z
  .object({
    keys: z.array(
      z.object({
        kid: z.string(),
        alg: z.literal('Ed25519'),
        publicKey: z.string().openapi({ description: 'raw 32-byte public key, base64url' }),
        current: z.boolean(),
      }),
    ),
    format: z.string(),
  })
  .openapi('CertificateSigningKeys');

export const ZApplicationIdParam = z.object({ applicationId: z.uuid() });
export const ZSerialParam = z.object({ serial: z.string().min(1).max(64) });
/** The check code as printed (dashes, lower case and O/I/L tolerated); a malformed one is a wrong one. */
export const ZCheckCodeQuery = z.object({ c: z.string().max(32).optional() });
export { ZDocumentKind };
