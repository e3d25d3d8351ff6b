// The one accessor for settings an admin may change at run time: the env/config values
// (deps.config) with the app_settings table's values on top. Read once per request, queue batch or
// cron run (cached on its deps) — use cases call this instead of reading deps.config for these.
import { appSettings } from '../../db/schema';
import { todayInShanghai } from '../certificates/working-days';
import type { CertificateSettings } from '../config';
import type { CoreDeps } from '../deps';
import {
  type CalendarOverrides,
  SETTING_KEYS,
  type SettingKey,
  ZUpdateSettingsSchema,
} from './settings-schema';
import { buildWorkCalendar, missingCalendarYear } from './work-calendar';

export interface StoredSettings {
  certificateDeadlineWorkingDays: number | null;
  certificateDocumentRetentionDays: number | null;
  calendar: CalendarOverrides | null;
}

export interface RuntimeSettings {
  /** deps.config.certificates with the admin's deadline, retention and calendar applied. */
  certificates: CertificateSettings;
  /** What the admin stored (null = the default applies). */
  stored: StoredSettings;
  /** The first year (this one, or one starting within 60 days) without a holiday calendar. */
  missingCalendarYear: number | null;
}

const cache = new WeakMap<CoreDeps, Promise<RuntimeSettings>>();

export function runtimeSettings(deps: CoreDeps): Promise<RuntimeSettings> {
  let settings = cache.get(deps);
  if (!settings) {
    settings = load(deps);
    cache.set(deps, settings);
    settings.catch(() => cache.delete(deps));
  }
  return settings;
}

/** After a change: the same request reads the new values. */
export function forgetRuntimeSettings(deps: CoreDeps): void {
  cache.delete(deps);
}

async function load(deps: CoreDeps): Promise<RuntimeSettings> {
  const rows = await deps.db.select({ key: appSettings.key, value: appSettings.value }).from(appSettings);
  const stored = readStored(rows);
  const base = deps.config.certificates;
  return {
    certificates: {
      ...base,
      deadlineWorkingDays: stored.certificateDeadlineWorkingDays ?? base.deadlineWorkingDays,
      documentRetentionDays: stored.certificateDocumentRetentionDays ?? base.documentRetentionDays,
      calendar: buildWorkCalendar({ fallback: base.calendar, overrides: stored.calendar }),
    },
    stored,
    missingCalendarYear: missingCalendarYear({
      today: todayInShanghai(deps.clock.now()),
      completeYears: stored.calendar?.completeYears ?? [],
    }),
  };
}

/** Each stored value is parsed again: one that no longer fits the schema falls back to the default. */
function readStored(rows: { key: string; value: unknown }[]): StoredSettings {
  const stored: StoredSettings = {
    certificateDeadlineWorkingDays: null,
    certificateDocumentRetentionDays: null,
    calendar: null,
  };
  for (const row of rows) {
    if (!(SETTING_KEYS as readonly string[]).includes(row.key)) continue;
    const key = row.key as SettingKey;
    const parsed = ZUpdateSettingsSchema.safeParse({ [key]: row.value });
    if (parsed.success && parsed.data[key] !== undefined)
      (stored as unknown as Record<string, unknown>)[key] = parsed.data[key];
  }
  return stored;
}
