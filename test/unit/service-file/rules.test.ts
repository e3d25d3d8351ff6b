import { describe, expect, it } from 'vitest';
import {
  generateSigningSeed,
  importSigningKey,
  publicKeyOf,
} from '../../../core/certificates/certificate-signing';
import {
  addMonths,
  effectiveStatus,
  isOverdue,
  nextDueOn,
  parseServiceFileSettings,
} from '../../../core/service-file/item-rules';
import { currentStage, outOfQuietHours, plannedTime } from '../../../core/service-file/reminder-rules';
import { DEFAULT_SERVICE_FILE_SETTINGS } from '../../../core/service-file/service-file-schema';
import {
  holderRefOf,
  parseServiceReceipt,
  signServiceReceipt,
  verifyServiceReceipt,
} from '../../../core/service-file/service-receipt';

const settings = DEFAULT_SERVICE_FILE_SETTINGS;
const offsets = settings.reminderOffsets;

describe('due dates', () => {
  it('renews each item by its own interval: check-up yearly, contact every 6 months, agreement once', () => {
    expect(nextDueOn('health_checkup', '2026-03-15', settings)).toBe('2027-03-15');
    expect(nextDueOn('contact_details', '2026-03-15', settings)).toBe('2026-09-15');
    expect(nextDueOn('service_agreement', '2026-03-15', settings)).toBeNull();
    expect(nextDueOn('training', '2026-03-15', settings)).toBeNull();
  });

  it('takes the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('reads a configured interval per item, 0 meaning once per departure, and refuses a typo', () => {
    const s = parseServiceFileSettings({ intervals: 'health_checkup=24,contact_details=0' });
    expect(s.intervalMonths.health_checkup).toBe(24);
    expect(s.intervalMonths.contact_details).toBeNull();
    expect(s.intervalMonths.residence_proof).toBe(12);
    expect(() => parseServiceFileSettings({ intervals: 'checkup=12' })).toThrow(
      /SERVICE_FILE_INTERVAL_MONTHS/,
    );
  });

  it('shows a verified item whose due date came as due again, at once, and overdue only after the date', () => {
    const item = { status: 'verified' as const, dueOn: '2026-12-01' };
    expect(effectiveStatus(item, '2026-11-30')).toBe('verified');
    expect(effectiveStatus(item, '2026-12-01')).toBe('due_again');
    expect(isOverdue(item, '2026-12-01')).toBe(false);
    expect(isOverdue(item, '2026-12-02')).toBe(true);
    expect(isOverdue({ status: 'submitted', dueOn: '2026-01-01' }, '2026-12-02')).toBe(false);
  });
});

describe('reminder stages', () => {
  it('begins 14 and 3 days before the due date and 7 and 30 after it, each once', () => {
    const due = '2026-12-31';
    expect(currentStage(due, '2026-12-16', offsets)).toEqual({ stage: null, nextOn: '2026-12-17' });
    expect(currentStage(due, '2026-12-17', offsets)).toEqual({ stage: 'before_14', nextOn: '2026-12-28' });
    expect(currentStage(due, '2026-12-28', offsets)).toEqual({ stage: 'before_3', nextOn: '2027-01-07' });
    expect(currentStage(due, '2027-01-07', offsets)).toEqual({ stage: 'after_7', nextOn: '2027-01-30' });
    expect(currentStage(due, '2027-02-15', offsets)).toEqual({ stage: 'after_30', nextOn: null });
  });

  it('collapses stages missed since the last run into the latest one', () => {
    expect(currentStage('2026-12-31', '2027-01-20', offsets).stage).toBe('after_7');
  });

  it('defers a reminder planned in the quiet hours to 08:00 Beijing time', () => {
    // 22:30 Beijing = 14:30 UTC → next day 08:00 Beijing = 00:00 UTC
    expect(outOfQuietHours(new Date('2026-12-01T14:30:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    // 06:00 Beijing = 22:00 UTC the day before → 08:00 the same Beijing day
    expect(outOfQuietHours(new Date('2026-11-30T22:00:00Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // 10:00 Beijing stays
    expect(outOfQuietHours(new Date('2026-12-01T02:00:00Z')).toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });

  it('plans no second message within 7 days of the last one', () => {
    const now = new Date('2026-12-03T02:00:00Z');
    expect(plannedTime(now, new Date('2026-12-01T03:00:00Z')).toISOString()).toBe('2026-12-08T03:00:00.000Z');
    expect(plannedTime(now, new Date('2026-11-20T03:00:00Z')).toISOString()).toBe(now.toISOString());
  });
});

describe('receipts', () => {
  it('signs a receipt that verifies with the published key and fails when a field is changed', async () => {
    const seed = generateSigningSeed();
    const key = await importSigningKey(seed, 'k2026');
    const keys = [{ kid: 'k2026', publicKey: await publicKeyOf(seed) }];
    const receipt = await signServiceReceipt(
      {
        submissionId: '0b7c6f7e-1d2a-4c3b-9e8f-123456789abc',
        kind: 'health_checkup',
        villageCode: 'dongshan',
        verifiedOn: '2026-11-30',
        holderRef: await holderRefOf('5f0c1b7e-0000-4000-8000-000000000001'),
      },
      key,
    );
    expect(receipt.startsWith('HYBY1|k2026|')).toBe(true);
    const verdict = await verifyServiceReceipt(receipt, keys);
    expect(verdict.result).toBe('valid');
    expect(verdict.result === 'valid' && verdict.fields.kind).toBe('health_checkup');
    const forged = receipt.replace('|2026-11-30|', '|2026-11-29|');
    expect((await verifyServiceReceipt(forged, keys)).result).toBe('bad_signature');
    expect((await verifyServiceReceipt(receipt, [])).result).toBe('unknown_key');
    expect(parseServiceReceipt('HYBY1|k|x').ok).toBe(false);
    expect((await verifyServiceReceipt(`${receipt}|extra`, keys)).result).toBe('format');
  });
});
