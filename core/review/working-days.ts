// 限时办结 deadline arithmetic on the Asia/Shanghai calendar (UTC+8 all year, no DST) with a
// configurable list of public holidays and 调休 working weekends. Pure: runs in Node, workerd and the browser.

/** A calendar of days off and make-up working days, each 'YYYY-MM-DD' in Shanghai time. */
export interface WorkCalendar {
  /** Days off that would otherwise be working days (public holidays, bridge days). */
  holidays: readonly string[];
  /** Saturdays/Sundays that are working days (调休 make-up days). */
  extraWorkdays?: readonly string[];
}

// China has not observed DST since 1991, so a fixed offset is exact for every date this system sees.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Guards against a calendar that marks (almost) every day as a holiday looping forever.
const MAX_SCAN_DAYS = 3660;
const MAX_RANGE_DAYS = 366;

/** True when `s` is a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Shanghai; `now` is injectable so callers with a clock stay testable. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDateOf(now);
}

/** The instant 23:59:59.999 Shanghai time on `day`. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(dayNumber(day) * DAY_MS + DAY_MS - 1 - SHANGHAI_OFFSET_MS);
}

/** Whether `day` ('YYYY-MM-DD' or an instant, read in Shanghai time) is a working day. */
export function isWorkingDay(day: string | Date, calendar: WorkCalendar): boolean {
  const iso = typeof day === 'string' ? requireIsoDate(day) : shanghaiDateOf(day);
  return isWorkingDayNumber(dayNumber(iso), indexCalendar(calendar));
}

/**
 * End (23:59:59.999 Shanghai) of the `days`-th working day after `from`. The day of `from` itself
 * never counts, whatever the hour: a Friday-evening submission with days=3 ends on Wednesday.
 * days=0 means "by the end of the submission day".
 */
export function addWorkingDays(options: { from: Date; days: number; calendar: WorkCalendar }): Date {
  const { from, days, calendar } = options;
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  if (Number.isNaN(from.getTime())) throw new RangeError('from is not a valid date');
  const index = indexCalendar(calendar);
  let n = dayNumber(shanghaiDateOf(from));
  for (let counted = 0, scanned = 0; counted < days; ) {
    n += 1;
    if (++scanned > MAX_SCAN_DAYS) throw new RangeError('calendar has no working days in the next ten years');
    if (isWorkingDayNumber(n, index)) counted += 1;
  }
  return new Date(n * DAY_MS + DAY_MS - 1 - SHANGHAI_OFFSET_MS);
}

/**
 * Working days from the day of `a` (exclusive) to the day of `b` (inclusive), in Shanghai time — the
 * same convention as addWorkingDays, so workingDaysBetween(from, addWorkingDays({ from, days })) === days.
 * Same day → 0; when `b` is before `a` the result is negative.
 */
export function workingDaysBetween(a: Date, b: Date, calendar: WorkCalendar): number {
  const index = indexCalendar(calendar);
  const start = dayNumber(shanghaiDateOf(a));
  const end = dayNumber(shanghaiDateOf(b));
  const [lo, hi, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (isWorkingDayNumber(n, index)) count += 1;
  return sign * count;
}

/**
 * Parses a date list from configuration (e.g. the CERT_HOLIDAYS variable): entries separated by commas
 * and/or whitespace, each 'YYYY-MM-DD' or an inclusive range 'YYYY-MM-DD..YYYY-MM-DD'. Returns the
 * sorted, de-duplicated days; throws naming the first bad entry so a typo fails the deploy, not a deadline.
 */
export function parseHolidayList(value: string, options: { name?: string } = {}): string[] {
  const name = options.name ?? 'CERT_HOLIDAYS';
  const expected = 'expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, separated by commas or spaces';
  const days = new Set<string>();
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const parts = entry.split('..');
    if (parts.length > 2 || !parts.every((p) => isIsoDate(p))) {
      throw new Error(`${name}: "${entry}" is not a valid date or date range (${expected})`);
    }
    const first = dayNumber(parts[0]!);
    const last = dayNumber(parts[1] ?? parts[0]!);
    if (last < first) throw new Error(`${name}: range "${entry}" ends before it starts`);
    if (last - first >= MAX_RANGE_DAYS) throw new Error(`${name}: range "${entry}" is longer than a year`);
    for (let n = first; n <= last; n++) days.add(isoOfDayNumber(n));
  }
  return [...days].sort();
}

/**
 * DEFAULT calendar only — configure CERT_HOLIDAYS / CERT_EXTRA_WORKDAYS with the official list.
 * 2026: the State Council's arrangement (国办发明电〔2025〕7号) as we read it.
 * 2027: NOT yet published when this was written; only the statutory days of the 2025 《全国年节及纪念日放假
 * 办法》 (元旦1, 春节4 from 除夕, 清明1, 劳动节2, 端午1, 中秋1, 国庆3) on their 2027 dates, without the bridge
 * days and 调休 weekends the State Council adds each year. Replace it when the notice is out.
 */
export const DEFAULT_CHINA_CALENDAR: WorkCalendar = {
  holidays: parseHolidayList(
    [
      // 2026
      '2026-01-01..2026-01-03', // 元旦
      '2026-02-15..2026-02-23', // 春节 (腊月廿八 … 正月初七)
      '2026-04-04..2026-04-06', // 清明节
      '2026-05-01..2026-05-05', // 劳动节
      '2026-06-19..2026-06-21', // 端午节
      '2026-09-25..2026-09-27', // 中秋节
      '2026-10-01..2026-10-07', // 国庆节
      // 2027 — statutory days only (see above)
      '2027-01-01', // 元旦
      '2027-02-05..2027-02-08', // 春节: 除夕 … 正月初三
      '2027-04-05', // 清明节
      '2027-05-01..2027-05-02', // 劳动节
      '2027-06-09', // 端午节
      '2027-09-15', // 中秋节
      '2027-10-01..2027-10-03', // 国庆节
    ].join(' '),
    { name: 'DEFAULT_CHINA_CALENDAR.holidays' },
  ),
  // 2026 调休 working weekends: 1/4 (Sun), 2/14 and 2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).
  extraWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

interface CalendarIndex {
  holidays: Set<number>;
  extraWorkdays: Set<number>;
}

function indexCalendar(calendar: WorkCalendar): CalendarIndex {
  const toSet = (days: readonly string[] | undefined, field: string) =>
    new Set(
      (days ?? []).map((d) => {
        if (!isIsoDate(d)) throw new RangeError(`calendar.${field}: "${d}" is not a YYYY-MM-DD date`);
        return dayNumber(d);
      }),
    );
  return {
    holidays: toSet(calendar.holidays, 'holidays'),
    extraWorkdays: toSet(calendar.extraWorkdays, 'extraWorkdays'),
  };
}

function isWorkingDayNumber(n: number, index: CalendarIndex): boolean {
  // A listed holiday wins over a listed make-up day: a contradictory config errs towards a later deadline.
  if (index.holidays.has(n)) return false;
  if (index.extraWorkdays.has(n)) return true;
  const weekday = new Date(n * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function requireIsoDate(day: string): string {
  if (!isIsoDate(day)) throw new RangeError(`"${day}" is not a YYYY-MM-DD date`);
  return day;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date (no time zone involved). */
function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function isoOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
