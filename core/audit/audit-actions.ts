// The actions and record types the audit log knows by name (the viewer's filter lists and labels;
// an entry with another action still shows, under its raw name). Pure: importable by the mini app.
export const AUDIT_ACTIONS = [
  'audit_log.export',
  'campaign.approve',
  'campaign.cancel',
  'certificate.pdf.read',
  'certificate.revoke',
  'certificate_application.hand_over',
  'certificate_application.read',
  'certificate_application.reroute',
  'certificate_document.read',
  'file.read',
  'guide.delete',
  'guide.save',
  'officer.invite',
  'officer.invite_accept',
  'officer.invite_revoke',
  'officer.change',
  'officer.remove',
  'settings.update',
  'user.read',
  'village.create',
  'village.update',
  'village.deactivate',
  'village.reactivate',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RECORD_TYPES = [
  'certificate_application',
  'certificate',
  'application_document',
  'campaign',
  'guide_page',
  'user',
  'stored_file',
  'village',
  'officer',
  'officer_invite',
  'settings',
  'audit_log',
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];

/** The mini app page a record opens on, where it has one. */
export function auditRecordPath(recordType: string, recordId: string): string | null {
  const id = encodeURIComponent(recordId);
  switch (recordType) {
    case 'certificate_application':
      return `/review/applications/${id}`;
    case 'campaign':
      return `/publicity/campaigns/${id}`;
    case 'guide_page':
      return `/guide/${id}`;
    case 'village':
      return `/admin/villages/${id}`;
    case 'officer':
      return `/admin/officers/${id}`;
    case 'settings':
      return '/admin/settings';
    default:
      return null;
  }
}
