// 限时办结: a review's deadline, in working days of the office's calendar (holidays and 调休 days
// configured once, CERT_HOLIDAYS / CERT_EXTRA_WORKDAYS, for every review workflow).
import type { CoreDeps } from '../deps';
import { addWorkingDays } from './working-days';

export function reviewDeadline(deps: CoreDeps, from: Date, workingDays: number): Date {
  return addWorkingDays({ from, days: workingDays, calendar: deps.config.certificates.calendar });
}
