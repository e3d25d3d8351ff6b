// 限时办结: a review's deadline, in working days of the office's calendar (holidays and 调休 days
// configured once, CERT_HOLIDAYS / CERT_EXTRA_WORKDAYS, for every review workflow).
import type { CoreDeps } from '../deps';
import { addWorkingDays, type WorkCalendar } from './working-days';

/** `calendar`: the run-time one (core/settings, admin-edited over chinese-days) where the caller has it. */
export function reviewDeadline(
  deps: CoreDeps,
  from: Date,
  workingDays: number,
  calendar: WorkCalendar = deps.config.certificates.calendar,
): Date {
  return addWorkingDays({ from, days: workingDays, calendar });
}
