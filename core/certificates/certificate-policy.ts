// Who may do what with an issued certificate: its holder, and reviewers or admins of its village.
// Pure: no db, importable by the mini app.
import { firstRefusal, ownOrOfficer, type Policy, villageRefusal } from '../auth/policy';

export interface CertificateRecord {
  holderUserId: string;
  villageId: number | null;
  status: 'valid' | 'revoked';
}

const OFFICERS = ['reviewer', 'admin'] as const;

export const certificatePolicy = {
  /** The register of issued certificates as a spreadsheet: reviewers and admins, their villages only. */
  export: { roles: OFFICERS },
  /** The PDF: its holder, or an officer of its village (audited); to anyone else it does not exist. */
  readPdf: {
    roles: 'anyone',
    record: (actor, c) =>
      ownOrOfficer(actor, c.holderUserId, () => villageRefusal(actor, OFFICERS, c.villageId)),
  },
  /** Revoke with a reason (a reviewer or admin of its village), once. */
  revoke: {
    roles: OFFICERS,
    record: (actor, c) =>
      firstRefusal(
        () => villageRefusal(actor, OFFICERS, c.villageId),
        () => (c.status === 'valid' ? null : 'invalid_transition'),
      ),
  },
} satisfies Policy<CertificateRecord>;
