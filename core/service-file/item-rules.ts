// The date rules of the service file, pure: when an item falls due, what its status is today, when
// it is overdue, and the settings parsed from configuration. Dates are Shanghai calendar dates
// ('YYYY-MM-DD'); `today` always comes from the injected clock.
import { isIsoDate, shanghaiDateOf } from '../review/working-days';
import {
  DEFAULT_SERVICE_FILE_SETTINGS,
  INTERVAL_MONTHS_MAX,
  ITEM_KINDS,
  type ItemKind,
  type ItemStatus,
  type ServiceFileSettings,
  UNMET_STATUSES,
} from './service-file-schema';

const DAY_MS = 86_400_000;

/** `day` plus `n` days ('YYYY-MM-DD'). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar months; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both 'YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** When an item met on `metOn` falls due again; null = not before the next departure. */
export function nextDueOn(kind: ItemKind, metOn: string, settings: ServiceFileSettings): string | null {
  const months = settings.intervalMonths[kind];
  return months ? addMonths(metOn, months) : null;
}

/** When a never-met item of a departure that started at `departedAt` is due. */
export function firstDueOn(departedAt: Date, settings: ServiceFileSettings): string {
  return addDays(shanghaiDateOf(departedAt), settings.firstDueDays);
}

/**
 * The status as of `today`: a verified item whose due date has come is due again. Status is computed
 * at every read so it is right at once; the cron persists it (refresh-service-items.ts).
 */
export function effectiveStatus(
  item: { status: ItemStatus; dueOn: string | null },
  today: string,
): ItemStatus {
  if (item.status === 'verified' && item.dueOn !== null && item.dueOn <= today) return 'due_again';
  return item.status;
}

/** Not met (whatever the reason) and its due date has passed. An overdue item can always still be met. */
export function isOverdue(item: { status: ItemStatus; dueOn: string | null }, today: string): boolean {
  const status = effectiveStatus(item, today);
  return UNMET_STATUSES.includes(status) && item.dueOn !== null && item.dueOn < today;
}

/** Met: verified and not yet due again. */
export function isMet(item: { status: ItemStatus; dueOn: string | null }, today: string): boolean {
  return effectiveStatus(item, today) === 'verified';
}

function parseOffsets(value: string, name: string): number[] {
  const days = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0 || n > 365)
        throw new Error(`${name}: "${s}" is not a whole number of days 0–365`);
      return n;
    });
  return [...new Set(days)].sort((a, b) => b - a);
}

/**
 * The settings from configuration; throws naming the bad entry so a typo fails the deploy.
 * intervals: "kind=months,…" (0 = once per departure), only for the kinds named.
 */
export function parseServiceFileSettings(input: {
  intervals?: string;
  reportRetentionDays?: number;
  reviewWorkingDays?: number;
  remindBefore?: string;
  remindAfter?: string;
}): ServiceFileSettings {
  const intervalMonths = { ...DEFAULT_SERVICE_FILE_SETTINGS.intervalMonths };
  for (const entry of (input.intervals ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [kind, months] = entry.split('=');
    const n = Number(months);
    if (
      !ITEM_KINDS.includes(kind as ItemKind) ||
      kind === 'certificate' ||
      !Number.isInteger(n) ||
      n < 0 ||
      n > INTERVAL_MONTHS_MAX
    )
      throw new Error(
        `SERVICE_FILE_INTERVAL_MONTHS: "${entry}" is not <kind>=<months 0–${INTERVAL_MONTHS_MAX}>`,
      );
    intervalMonths[kind as ItemKind] = n === 0 ? null : n;
  }
  return {
    ...DEFAULT_SERVICE_FILE_SETTINGS,
    intervalMonths,
    reportRetentionDays: input.reportRetentionDays ?? DEFAULT_SERVICE_FILE_SETTINGS.reportRetentionDays,
    reviewWorkingDays: input.reviewWorkingDays ?? DEFAULT_SERVICE_FILE_SETTINGS.reviewWorkingDays,
    reminderOffsets: {
      before:
        input.remindBefore !== undefined
          ? parseOffsets(input.remindBefore, 'SERVICE_FILE_REMIND_DAYS_BEFORE')
          : [...DEFAULT_SERVICE_FILE_SETTINGS.reminderOffsets.before],
      after:
        input.remindAfter !== undefined
          ? parseOffsets(input.remindAfter, 'SERVICE_FILE_REMIND_DAYS_AFTER').reverse()
          : [...DEFAULT_SERVICE_FILE_SETTINGS.reminderOffsets.after],
    },
  };
}

export { isIsoDate };
