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

/** Reminder offsets of the service file: a day may be 0 (on the due date) up to a year. */
export const REMINDER_OFFSET_RANGE = { min: 0, max: 365 } as const;
export const MAX_REMINDER_OFFSETS = 6;

/**
 * Every number an admin may set, with its range: the form's min/max, the schema's limits and the
 * labels' keys (admin:settings.fields.<key>) all come from here. The env/config values are defaults.
 */
export const NUMBER_SETTINGS = {
  /** 限时办结: working days from submission to decision. */
  certificateDeadlineWorkingDays: DEADLINE_DAYS_RANGE,
  /** Days the evidence of a decided application is kept. */
  certificateDocumentRetentionDays: RETENTION_DAYS_RANGE,
  /** Tip-offs (限时办结 from the day received): acknowledge, triage, outcome — in working days. */
  tipAckWorkingDays: { min: 1, max: 30 },
  tipTriageWorkingDays: { min: 1, max: 60 },
  tipOutcomeWorkingDays: { min: 1, max: 365 },
  /** Working days the reporter has to claim an approved reward. */
  tipClaimWorkingDays: { min: 1, max: 365 },
  /** Rewards at or above this many yuan need a second, different approver. */
  tipSecondApprovalYuan: { min: 1, max: 1_000_000 },
  /** Days a closed tip's content is kept. */
  tipRetentionDays: RETENTION_DAYS_RANGE,
  /** Working days an officer has to verify a service-file submission. */
  serviceFileReviewWorkingDays: DEADLINE_DAYS_RANGE,
  /** Days a verified check-up report or proof file is kept (the fact stays). */
  serviceFileReportRetentionDays: { min: 7, max: 3650 },
} as const satisfies Record<string, { min: number; max: number }>;
export type NumberSettingKey = keyof typeof NUMBER_SETTINGS;
export const NUMBER_SETTING_KEYS = Object.keys(NUMBER_SETTINGS) as NumberSettingKey[];

/** The settings page's sections, in order. */
export const SETTING_GROUPS = {
  certificates: ['certificateDeadlineWorkingDays', 'certificateDocumentRetentionDays'],
  tipoffs: [
    'tipAckWorkingDays',
    'tipTriageWorkingDays',
    'tipOutcomeWorkingDays',
    'tipClaimWorkingDays',
    'tipSecondApprovalYuan',
    'tipRetentionDays',
  ],
  serviceFile: ['serviceFileReviewWorkingDays', 'serviceFileReportRetentionDays'],
} as const satisfies Record<string, readonly NumberSettingKey[]>;

/** The tip-off deadlines follow each other: acknowledge ≤ triage ≤ outcome (all from the day received). */
export const TIP_DEADLINE_ORDER = [
  'tipAckWorkingDays',
  'tipTriageWorkingDays',
  'tipOutcomeWorkingDays',
] as const satisfies readonly NumberSettingKey[];

const zNumberSetting = (range: { min: number; max: number }) =>
  z.number().int().min(range.min).max(range.max).nullable();

const offsetMessage = { message: 'admin:validation.reminderOffsets' };
const ZOffsetList = z
  .array(
    z
      .number(offsetMessage)
      .int(offsetMessage)
      .min(REMINDER_OFFSET_RANGE.min, offsetMessage)
      .max(REMINDER_OFFSET_RANGE.max, offsetMessage),
  )
  .max(MAX_REMINDER_OFFSETS, offsetMessage)
  .transform((days) => [...new Set(days)]);

/** Days before the due date and days after it on which the person is reminded (each once per due date). */
export const ZReminderOffsets = z
  .object({
    before: ZOffsetList.transform((days) => days.sort((a, b) => b - a)),
    after: ZOffsetList.transform((days) => days.sort((a, b) => a - b)),
  })
  .strict();
export type ReminderOffsetsSetting = z.infer<typeof ZReminderOffsets>;

export const ZUpdateSettingsSchema = z
  .object({
    ...(Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, zNumberSetting(NUMBER_SETTINGS[k])])) as {
      [K in NumberSettingKey]: ReturnType<typeof zNumberSetting>;
    }),
    serviceFileReminderOffsets: ZReminderOffsets.nullable(),
    calendar: ZCalendarOverrides.nullable(),
  })
  .partial()
  .strict();
export type TUpdateSettings = z.infer<typeof ZUpdateSettingsSchema>;

export const SETTING_KEYS = [...NUMBER_SETTING_KEYS, 'serviceFileReminderOffsets', 'calendar'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
