// The run-time settings an admin may change (each null = back to the env/config default), and the
// holiday calendar's overrides. Pure: the route, the use case and the mini app's form share it.
import { z } from 'zod';
import { isIsoDate } from '../certificates/working-days';

export const DEADLINE_DAYS_RANGE = { min: 1, max: 30 } as const;
export const RETENTION_DAYS_RANGE = { min: 30, max: 3650 } as const;
export const MAX_CALENDAR_OVERRIDES = 400;
export const CALENDAR_YEAR_RANGE = { min: 2000, max: 2100 } as const;

const ZIsoDate = z.string().refine(isIsoDate, { message: 'admin:validation.date' });

/** Days the admin sets against the built-in calendar: days off, working days (调休), years entered in full. */
export const ZCalendarOverrides = z
  .object({
    holidays: z.array(ZIsoDate).max(MAX_CALENDAR_OVERRIDES),
    workdays: z.array(ZIsoDate).max(MAX_CALENDAR_OVERRIDES),
    /** Years whose whole calendar the admin has entered (from the State Council's notice). */
    completeYears: z
      .array(z.number().int().min(CALENDAR_YEAR_RANGE.min).max(CALENDAR_YEAR_RANGE.max))
      .max(100),
  })
  .strict()
  .refine((c) => !c.holidays.some((d) => c.workdays.includes(d)), {
    message: 'admin:validation.dayTwice',
    path: ['workdays'],
  })
  .transform((c) => ({
    holidays: [...new Set(c.holidays)].sort(),
    workdays: [...new Set(c.workdays)].sort(),
    completeYears: [...new Set(c.completeYears)].sort((a, b) => a - b),
  }));
export type CalendarOverrides = z.infer<typeof ZCalendarOverrides>;

export const ZUpdateSettingsSchema = z
  .object({
    /** 限时办结: working days from submission to decision. */
    certificateDeadlineWorkingDays: z
      .number()
      .int()
      .min(DEADLINE_DAYS_RANGE.min)
      .max(DEADLINE_DAYS_RANGE.max)
      .nullable(),
    /** Days the evidence of a decided application is kept. */
    certificateDocumentRetentionDays: z
      .number()
      .int()
      .min(RETENTION_DAYS_RANGE.min)
      .max(RETENTION_DAYS_RANGE.max)
      .nullable(),
    calendar: ZCalendarOverrides.nullable(),
  })
  .partial()
  .strict();
export type TUpdateSettings = z.infer<typeof ZUpdateSettingsSchema>;

export const SETTING_KEYS = [
  'certificateDeadlineWorkingDays',
  'certificateDocumentRetentionDays',
  'calendar',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
