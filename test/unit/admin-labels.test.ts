// Every audit action and record type the viewer lists has a label in every language, and every
// record the viewer opens maps to a page of the mini app.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_RECORD_TYPES, auditRecordPath } from '../../core/audit/audit-actions';
import { SUPPORTED_LANGUAGES, translator } from '../../core/i18n';

describe('audit viewer labels', () => {
  for (const lng of SUPPORTED_LANGUAGES) {
    it(`names every action and record type in ${lng}`, () => {
      const t = translator(lng, 'admin');
      for (const a of AUDIT_ACTIONS) expect(t(`actions.${a}`), a).not.toMatch(/^actions\./);
      for (const r of AUDIT_RECORD_TYPES) expect(t(`recordTypes.${r}`), r).not.toMatch(/^recordTypes\./);
    });
  }

  it('opens applications, campaigns, villages and officers on their pages', () => {
    expect(auditRecordPath('certificate_application', 'abc')).toBe('/review/applications/abc');
    expect(auditRecordPath('village', '7')).toBe('/admin/villages/7');
    expect(auditRecordPath('stored_file', 'x')).toBeNull();
  });
});
