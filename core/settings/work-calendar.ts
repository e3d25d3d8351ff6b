// The holiday calendar deadlines are counted on: for every year the `chinese-days` package covers
// (the State Council's holidays and 调休 working days, maintained upstream), its data; for other
// years the env/config calendar (CERT_HOLIDAYS / CERT_EXTRA_WORKDAYS, or the built-in default);
// then the admin's overrides on top. Only the package's JSON is imported — not its lunar-calendar
// code — about 37 KB raw, 5 KB gzipped in the Worker.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { WorkCalendar } from '../certificates/working-days';
import type { CalendarOverrides } from './settings-schema';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const source = chineseDays as unknown as ChineseDaysData;

/** Years the maintained source has the State Council's arrangement for. */
export const SOURCE_YEARS: readonly number[] = [
  ...new Set(Object.keys(source.holidays).map((d) => Number(d.slice(0, 4)))),
].sort((a, b) => a - b);

const yearOf = (day: string) => Number(day.slice(0, 4));

export function buildWorkCalendar(options: {
  /** The env/config calendar: the default for years the source does not cover. */
  fallback: WorkCalendar;
  overrides: CalendarOverrides | null;
  sourceYears?: readonly number[];
}): { holidays: string[]; extraWorkdays: string[] } {
  const covered = new Set(options.sourceYears ?? SOURCE_YEARS);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of options.fallback.holidays) if (!covered.has(yearOf(d))) holidays.add(d);
  for (const d of options.fallback.extraWorkdays ?? []) if (!covered.has(yearOf(d))) workdays.add(d);
  for (const d of Object.keys(source.holidays)) if (covered.has(yearOf(d))) holidays.add(d);
  for (const d of Object.keys(source.workdays)) if (covered.has(yearOf(d))) workdays.add(d);
  // The admin's word wins: a day they mark off is off, a day they mark working is working.
  for (const d of options.overrides?.holidays ?? []) {
    holidays.add(d);
    workdays.delete(d);
  }
  for (const d of options.overrides?.workdays ?? []) {
    holidays.delete(d);
    workdays.add(d);
  }
  return { holidays: [...holidays].sort(), extraWorkdays: [...workdays].sort() };
}

/** Officers are warned this many days before a year without a calendar begins. */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * The first year, among the current one and the one starting within CALENDAR_WARNING_DAYS, that has
 * no calendar (neither in the source nor entered in full by the admin); null when both have one.
 */
export function missingCalendarYear(options: {
  today: string;
  completeYears: readonly number[];
  sourceYears?: readonly number[];
}): number | null {
  const known = new Set([...(options.sourceYears ?? SOURCE_YEARS), ...options.completeYears]);
  const thisYear = yearOf(options.today);
  const ahead = new Date(Date.parse(`${options.today}T00:00:00Z`) + CALENDAR_WARNING_DAYS * 86_400_000);
  const years = [thisYear, ahead.getUTCFullYear()];
  return years.find((y) => !known.has(y)) ?? null;
}
