// The reminder rules, pure: which stage (14 and 3 days before the due date, 7 and 30 after) an item
// is in, when the next stage begins, quiet hours (none 21:00–08:00 Beijing time) and the weekly cap
// (one message per person per 7 days, items grouped). Time comes from the caller's clock.
import { addDays, daysBetween } from './item-rules';
import { QUIET_HOURS, REMINDER_MIN_GAP_DAYS } from './service-file-schema';

export interface ReminderOffsets {
  before: readonly number[];
  after: readonly number[];
}

interface Stage {
  key: string;
  /** Days relative to the due date: negative before, positive after. */
  at: number;
}

/** The stages of one due date in time order: before_14, before_3, after_7, after_30. */
export function stagesOf(offsets: ReminderOffsets): Stage[] {
  return [
    ...offsets.before.map((d) => ({ key: `before_${d}`, at: -d })),
    ...offsets.after.map((d) => ({ key: `after_${d}`, at: d })),
  ].sort((a, b) => a.at - b.at);
}

/** The day the first stage of `dueOn` begins (null when no stage is configured). */
export function firstStageStart(dueOn: string, offsets: ReminderOffsets): string | null {
  const first = stagesOf(offsets)[0];
  return first ? addDays(dueOn, first.at) : null;
}

/**
 * The stage an item with due date `dueOn` is in on `day` (the latest one begun), and when the next
 * one begins. Several stages begun since the last run collapse into the latest: one reminder, not a
 * burst of stale ones.
 */
export function currentStage(
  dueOn: string,
  day: string,
  offsets: ReminderOffsets,
): { stage: string | null; nextOn: string | null } {
  const stages = stagesOf(offsets);
  const rel = -daysBetween(day, dueOn); // days past the due date (negative before it)
  let stage: string | null = null;
  let nextOn: string | null = null;
  for (const s of stages) {
    if (s.at <= rel) stage = s.key;
    else {
      nextOn = addDays(dueOn, s.at);
      break;
    }
  }
  return { stage, nextOn };
}

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** `at`, or 08:00 Beijing time after it when `at` falls in the quiet hours (21:00–08:00). */
export function outOfQuietHours(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= QUIET_HOURS.to && hour < QUIET_HOURS.from) return at;
  const eight = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_HOURS.to),
  );
  if (hour >= QUIET_HOURS.from) eight.setUTCDate(eight.getUTCDate() + 1);
  return new Date(eight.getTime() - SHANGHAI_OFFSET_MS);
}

/**
 * When a new reminder to a person may go out: now, or 7 days after their last one (sent or
 * planned), then moved out of the quiet hours.
 */
export function plannedTime(now: Date, lastReminderAt: Date | null): Date {
  const earliest = lastReminderAt
    ? new Date(lastReminderAt.getTime() + REMINDER_MIN_GAP_DAYS * 24 * HOUR_MS)
    : now;
  return outOfQuietHours(earliest > now ? earliest : now);
}
