// The one accessor for settings an admin may change at run time: the env/config values
// (deps.config) with the app_settings table's values on top. Read once per request, queue batch or
// cron run (cached on its deps) — use cases call this instead of reading deps.config for these.
import { appSettings } from '../../db/schema';
import { todayInShanghai } from '../certificates/working-days';
import type { CertificateSettings, CoreConfig, TipoffSettings } from '../config';
import type { CoreDeps } from '../deps';
import type { ReviewTx } from '../review/review-table';
import type { WorkCalendar } from '../review/working-days';
import type { ServiceFileSettings } from '../service-file/service-file-schema';
import {
  type CalendarOverrides,
  NUMBER_SETTING_KEYS,
  type NumberSettingKey,
  type ReminderOffsetsSetting,
  SETTING_KEYS,
  type SettingKey,
  ZUpdateSettingsSchema,
} from './settings-schema';
import { buildWorkCalendar, missingCalendarYear } from './work-calendar';

export type StoredSettings = Record<NumberSettingKey, number | null> & {
  serviceFileReminderOffsets: ReminderOffsetsSetting | null;
  calendar: CalendarOverrides | null;
};

export interface RuntimeSettings {
  /** deps.config.certificates with the admin's deadline, retention and calendar applied. */
  certificates: CertificateSettings;
  /** deps.config.tipoffs with the admin's deadlines, claim window, threshold and retention. */
  tipoffs: TipoffSettings;
  /** deps.config.serviceFile with the admin's review deadline, report retention and reminder offsets. */
  serviceFile: ServiceFileSettings;
  /** The work calendar every deadline is counted on (chinese-days, env fallback, admin overrides). */
  calendar: WorkCalendar;
  /** Every number in effect (the admin's or the default). */
  numbers: Record<NumberSettingKey, number>;
  /** What the admin stored (null = the default applies). */
  stored: StoredSettings;
  /** The first year (this one, or one starting within 60 days) without a holiday calendar. */
  missingCalendarYear: number | null;
}

/** Where each number's default comes from: the env/config, parsed once per request (api/services.ts). */
export function numberDefaults(config: CoreConfig): Record<NumberSettingKey, number> {
  const { certificates: c, tipoffs: t, serviceFile: s } = config;
  return {
    certificateDeadlineWorkingDays: c.deadlineWorkingDays,
    certificateDocumentRetentionDays: c.documentRetentionDays,
    tipAckWorkingDays: t.ackWorkingDays,
    tipTriageWorkingDays: t.triageWorkingDays,
    tipOutcomeWorkingDays: t.outcomeWorkingDays,
    tipClaimWorkingDays: t.claimWorkingDays,
    tipSecondApprovalYuan: t.secondApprovalYuan,
    tipRetentionDays: t.retentionDays,
    serviceFileReviewWorkingDays: s.reviewWorkingDays,
    serviceFileReportRetentionDays: s.reportRetentionDays,
  };
}

const cache = new WeakMap<CoreDeps, Promise<RuntimeSettings>>();

/**
 * The settings of this request or cron run. `db`: a transaction the caller is in — the first read
 * then runs on its connection (a request's client has one connection: a second would wait forever).
 */
export function runtimeSettings(deps: CoreDeps, db: ReviewTx = deps.db): Promise<RuntimeSettings> {
  let settings = cache.get(deps);
  if (!settings) {
    settings = load(deps, db);
    cache.set(deps, settings);
    settings.catch(() => cache.delete(deps));
  }
  return settings;
}

/** After a change: the same request reads the new values. */
export function forgetRuntimeSettings(deps: CoreDeps): void {
  cache.delete(deps);
}

async function load(deps: CoreDeps, db: ReviewTx): Promise<RuntimeSettings> {
  const rows = await db.select({ key: appSettings.key, value: appSettings.value }).from(appSettings);
  return resolveSettings(deps.config, readStored(rows), deps.clock.now());
}

/** The settings in effect: each stored value, else its default. Pure. */
export function resolveSettings(config: CoreConfig, stored: StoredSettings, now: Date): RuntimeSettings {
  const defaults = numberDefaults(config);
  const numbers = Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, stored[k] ?? defaults[k]])) as Record<
    NumberSettingKey,
    number
  >;
  const calendar = buildWorkCalendar({ fallback: config.certificates.calendar, overrides: stored.calendar });
  return {
    certificates: {
      ...config.certificates,
      deadlineWorkingDays: numbers.certificateDeadlineWorkingDays,
      documentRetentionDays: numbers.certificateDocumentRetentionDays,
      calendar,
    },
    tipoffs: {
      ...config.tipoffs,
      ackWorkingDays: numbers.tipAckWorkingDays,
      triageWorkingDays: numbers.tipTriageWorkingDays,
      outcomeWorkingDays: numbers.tipOutcomeWorkingDays,
      claimWorkingDays: numbers.tipClaimWorkingDays,
      secondApprovalYuan: numbers.tipSecondApprovalYuan,
      retentionDays: numbers.tipRetentionDays,
    },
    serviceFile: {
      ...config.serviceFile,
      reviewWorkingDays: numbers.serviceFileReviewWorkingDays,
      reportRetentionDays: numbers.serviceFileReportRetentionDays,
      reminderOffsets: stored.serviceFileReminderOffsets ?? config.serviceFile.reminderOffsets,
    },
    calendar,
    numbers,
    stored,
    missingCalendarYear: missingCalendarYear({
      today: todayInShanghai(now),
      completeYears: stored.calendar?.completeYears ?? [],
    }),
  };
}

/** Each stored value is parsed again: one that no longer fits the schema falls back to the default. */
export function readStored(rows: { key: string; value: unknown }[]): StoredSettings {
  const stored = Object.fromEntries(SETTING_KEYS.map((k) => [k, null])) as StoredSettings;
  for (const row of rows) {
    if (!(SETTING_KEYS as readonly string[]).includes(row.key)) continue;
    const key = row.key as SettingKey;
    const parsed = ZUpdateSettingsSchema.safeParse({ [key]: row.value });
    if (parsed.success && parsed.data[key] !== undefined)
      (stored as unknown as Record<string, unknown>)[key] = parsed.data[key];
  }
  return stored;
}
