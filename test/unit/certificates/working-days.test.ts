// 限时办结 deadline arithmetic on the Shanghai calendar with holidays and 调休 working weekends.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_CHINA_CALENDAR,
  endOfShanghaiDay,
  isIsoDate,
  isWorkingDay,
  parseHolidayList,
  shanghaiDateOf,
  type WorkCalendar,
  workingDaysBetween,
} from '../../../core/review/working-days';

const plain: WorkCalendar = { holidays: [] };
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('addWorkingDays', () => {
  it('ends a Friday-evening submission with 3 working days on Wednesday at 23:59:59.999 Shanghai time', () => {
    const deadline = addWorkingDays({ from: sh('2026-11-20T19:30:00'), days: 3, calendar: plain });
    expect(deadline.toISOString()).toBe('2026-11-25T15:59:59.999Z');
    expect(shanghaiDateOf(deadline)).toBe('2026-11-25');
  });

  it('does not count the submission day, even at one minute past midnight', () => {
    const deadline = addWorkingDays({ from: sh('2026-11-23T00:01:00'), days: 1, calendar: plain });
    expect(shanghaiDateOf(deadline)).toBe('2026-11-24');
  });

  it('reads the submission day in Shanghai time, not UTC', () => {
    // 17:00 UTC on Sunday is already 01:00 on Monday in Shanghai: Monday is the submission day.
    const deadline = addWorkingDays({ from: new Date('2026-11-22T17:00:00Z'), days: 1, calendar: plain });
    expect(shanghaiDateOf(deadline)).toBe('2026-11-24');
  });

  it('skips a weekend submission to the first working days after it', () => {
    expect(
      shanghaiDateOf(addWorkingDays({ from: sh('2026-11-21T10:00:00'), days: 3, calendar: plain })),
    ).toBe('2026-11-25');
  });

  it('skips public holidays', () => {
    // Submitted Tuesday 29 Sep 2026; 1–7 October is the National Day holiday.
    const deadline = addWorkingDays({
      from: sh('2026-09-29T09:00:00'),
      days: 3,
      calendar: DEFAULT_CHINA_CALENDAR,
    });
    // Working days after it: Wed 30 Sep, Thu 8 Oct, Fri 9 Oct — and then Sat 10 Oct, a 调休 working day.
    expect(shanghaiDateOf(deadline)).toBe('2026-10-09');
    const fourth = addWorkingDays({
      from: sh('2026-09-29T09:00:00'),
      days: 4,
      calendar: DEFAULT_CHINA_CALENDAR,
    });
    expect(shanghaiDateOf(fourth)).toBe('2026-10-10');
  });

  it('counts a 调休 Saturday as a working day', () => {
    const calendar: WorkCalendar = { holidays: [], extraWorkdays: ['2026-11-21'] };
    const deadline = addWorkingDays({ from: sh('2026-11-20T18:00:00'), days: 1, calendar });
    expect(shanghaiDateOf(deadline)).toBe('2026-11-21');
  });

  it('gives the end of the submission day for zero days', () => {
    expect(addWorkingDays({ from: sh('2026-11-21T10:00:00'), days: 0, calendar: plain }).toISOString()).toBe(
      '2026-11-21T15:59:59.999Z',
    );
  });

  it('spans the Spring Festival of 2026', () => {
    // Submitted Friday 13 Feb: 14 Feb (Sat) is a make-up working day, 15–23 Feb are off.
    const deadline = addWorkingDays({
      from: sh('2026-02-13T16:00:00'),
      days: 3,
      calendar: DEFAULT_CHINA_CALENDAR,
    });
    expect(shanghaiDateOf(deadline)).toBe('2026-02-25');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays({ from: new Date(), days: -1, calendar: plain })).toThrow(RangeError);
    expect(() => addWorkingDays({ from: new Date(), days: 1.5, calendar: plain })).toThrow(RangeError);
  });

  it('refuses a calendar entry that is not a date', () => {
    expect(() =>
      addWorkingDays({ from: new Date(), days: 1, calendar: { holidays: ['2026-13-01'] } }),
    ).toThrow(/2026-13-01/);
  });

  it('gives up instead of looping forever when no day is a working day', () => {
    const everyDay = parseHolidayList('2026-01-01..2026-12-31');
    const weekdaysOnly: WorkCalendar = { holidays: everyDay };
    expect(() =>
      addWorkingDays({ from: sh('2026-01-01T00:00:00'), days: 400, calendar: weekdaysOnly }),
    ).not.toThrow();
    const neverWorking = Array.from({ length: 11 }, (_, i) => `${2026 + i}-01-01..${2026 + i}-12-31`).join(
      ' ',
    );
    expect(() =>
      addWorkingDays({
        from: sh('2026-01-01T00:00:00'),
        days: 1,
        calendar: { holidays: parseHolidayList(neverWorking) },
      }),
    ).toThrow(/no working days/);
  });
});

describe('isWorkingDay', () => {
  it('treats Monday to Friday as working days and weekends as days off', () => {
    expect(isWorkingDay('2026-11-23', plain)).toBe(true);
    expect(isWorkingDay('2026-11-27', plain)).toBe(true);
    expect(isWorkingDay('2026-11-28', plain)).toBe(false);
    expect(isWorkingDay('2026-11-29', plain)).toBe(false);
  });

  it('lets a holiday win over a make-up day listed for the same date', () => {
    expect(isWorkingDay('2026-11-28', { holidays: ['2026-11-28'], extraWorkdays: ['2026-11-28'] })).toBe(
      false,
    );
  });

  it('reads an instant in Shanghai time', () => {
    // Friday 20:00 UTC is Saturday 04:00 in Shanghai.
    expect(isWorkingDay(new Date('2026-11-27T20:00:00Z'), plain)).toBe(false);
  });

  it('knows the 2026 holidays and make-up days of the default calendar', () => {
    expect(isWorkingDay('2026-10-01', DEFAULT_CHINA_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-02-16', DEFAULT_CHINA_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-01-04', DEFAULT_CHINA_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-09-20', DEFAULT_CHINA_CALENDAR)).toBe(true);
  });

  it('lists only Saturdays and Sundays as make-up days and never a holiday as one', () => {
    for (const day of DEFAULT_CHINA_CALENDAR.extraWorkdays ?? []) {
      expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      expect(DEFAULT_CHINA_CALENDAR.holidays).not.toContain(day);
    }
  });

  it('refuses a string that is not a date', () => {
    expect(() => isWorkingDay('2026-11-31', plain)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    const from = sh('2026-09-25T17:45:00');
    for (const days of [0, 1, 3, 10, 30]) {
      const deadline = addWorkingDays({ from, days, calendar: DEFAULT_CHINA_CALENDAR });
      expect(workingDaysBetween(from, deadline, DEFAULT_CHINA_CALENDAR)).toBe(days);
    }
  });

  it('counts a decision on the submission day as zero days', () => {
    expect(workingDaysBetween(sh('2026-11-23T09:00:00'), sh('2026-11-23T17:00:00'), plain)).toBe(0);
  });

  it('counts the working days to a decision after a weekend', () => {
    // Friday → next Tuesday: Monday and Tuesday.
    expect(workingDaysBetween(sh('2026-11-20T09:00:00'), sh('2026-11-24T09:00:00'), plain)).toBe(2);
  });

  it('is negative when the second instant comes first', () => {
    expect(workingDaysBetween(sh('2026-11-24T09:00:00'), sh('2026-11-20T09:00:00'), plain)).toBe(-2);
  });
});

describe('parseHolidayList', () => {
  it('accepts commas, spaces and newlines, and returns sorted unique days', () => {
    expect(parseHolidayList('2026-10-02, 2026-10-01\n2026-10-01  2026-05-01,')).toEqual([
      '2026-05-01',
      '2026-10-01',
      '2026-10-02',
    ]);
  });

  it('expands an inclusive range', () => {
    expect(parseHolidayList('2026-02-27..2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('returns nothing for an empty setting', () => {
    expect(parseHolidayList('  ')).toEqual([]);
  });

  it.each([
    ['a day that does not exist', '2026-01-01, 2026-02-30', '"2026-02-30"'],
    ['another format', '2026/10/01', '"2026/10/01"'],
    ['a broken range', '2026-10-01..', '"2026-10-01.."'],
    ['a range with three ends', '2026-10-01..2026-10-02..2026-10-03', '"2026-10-01..2026-10-02..2026-10-03"'],
  ])('names the bad entry when given %s', (_, value, named) => {
    expect(() => parseHolidayList(value)).toThrow(named);
  });

  it('rejects a range that ends before it starts or spans more than a year', () => {
    expect(() => parseHolidayList('2026-10-07..2026-10-01')).toThrow(/ends before it starts/);
    expect(() => parseHolidayList('2026-01-01..2027-06-01')).toThrow(/longer than a year/);
  });

  it('names the setting in its error', () => {
    expect(() => parseHolidayList('nope', { name: 'CERT_EXTRA_WORKDAYS' })).toThrow(
      /^CERT_EXTRA_WORKDAYS: "nope"/,
    );
  });
});

describe('date helpers', () => {
  it('recognizes only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00')).toBe(false);
  });

  it('puts the end of a Shanghai day at 15:59:59.999 UTC', () => {
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });
});
