// 限时办结: a review's deadline, in working days of the office's run-time calendar (core/settings:
// chinese-days, the env list for other years, the admin's days on top) — one for every review workflow.
import { addWorkingDays, type WorkCalendar } from './working-days';

/** `calendar`: runtimeSettings(deps).calendar — never the env's alone. */
export function reviewDeadline(from: Date, workingDays: number, calendar: WorkCalendar): Date {
  return addWorkingDays({ from, days: workingDays, calendar });
}
