// The run-time work calendar: the maintained source (chinese-days) for the years it covers, the
// env/config list for the others, the admin's overrides on top; and the warning before a year
// without any calendar begins.
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../core/audit/export-audit-log';
import { addWorkingDays, isWorkingDay } from '../../../core/certificates/working-days';
import { ZUpdateSettingsSchema } from '../../../core/settings/settings-schema';
import { buildWorkCalendar, missingCalendarYear, SOURCE_YEARS } from '../../../core/settings/work-calendar';

const fallback = { holidays: ['2026-03-02', '2027-02-05'], extraWorkdays: ['2027-02-20'] };

describe('the work calendar', () => {
  it('takes covered years from chinese-days, including 调休 working weekends', () => {
    expect(SOURCE_YEARS).toContain(2026);
    const cal = buildWorkCalendar({ fallback, overrides: null });
    // 2026: 春节 off, Saturday 14 February a make-up working day (国办发明电〔2025〕7号).
    expect(isWorkingDay('2026-02-16', cal)).toBe(false);
    expect(isWorkingDay('2026-02-14', cal)).toBe(true);
    // The env list's 2026 entry is ignored where the source covers the year.
    expect(isWorkingDay('2026-03-02', cal)).toBe(true);
  });

  it('uses the env/config list for years the source does not cover', () => {
    const cal = buildWorkCalendar({ fallback, overrides: null, sourceYears: [2026] });
    expect(isWorkingDay('2027-02-05', cal)).toBe(false);
    expect(isWorkingDay('2027-02-20', cal)).toBe(true);
  });

  it('lets the admin’s days win over both', () => {
    const cal = buildWorkCalendar({
      fallback,
      overrides: { holidays: ['2026-02-14', '2027-03-03'], workdays: ['2027-02-05'], completeYears: [] },
      sourceYears: [2026],
    });
    expect(isWorkingDay('2026-02-14', cal)).toBe(false);
    expect(isWorkingDay('2027-02-05', cal)).toBe(true);
    const deadline = addWorkingDays({ from: new Date('2027-03-01T02:00:00Z'), days: 2, calendar: cal });
    expect(deadline.toISOString()).toBe('2027-03-04T15:59:59.999Z');
  });
});

describe('the missing-calendar warning', () => {
  it('starts 60 days before a year without a calendar, and stops once the admin entered it', () => {
    expect(missingCalendarYear({ today: '2026-11-01', completeYears: [], sourceYears: [2026] })).toBeNull();
    expect(missingCalendarYear({ today: '2026-11-02', completeYears: [], sourceYears: [2026] })).toBe(2027);
    expect(
      missingCalendarYear({ today: '2026-12-31', completeYears: [2027], sourceYears: [2026] }),
    ).toBeNull();
    expect(missingCalendarYear({ today: '2027-06-01', completeYears: [], sourceYears: [2026] })).toBe(2027);
  });
});

describe('settings input', () => {
  it('sorts and de-duplicates calendar days and refuses a day both off and working', () => {
    const ok = ZUpdateSettingsSchema.parse({
      calendar: { holidays: ['2027-01-02', '2027-01-01', '2027-01-01'], workdays: [], completeYears: [2027] },
    });
    expect(ok.calendar?.holidays).toEqual(['2027-01-01', '2027-01-02']);
    const bad = ZUpdateSettingsSchema.safeParse({
      calendar: { holidays: ['2027-01-01'], workdays: ['2027-01-01'], completeYears: [] },
    });
    expect(bad.success).toBe(false);
  });
});

describe('the audit export', () => {
  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
  });
});
