import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from './runtime-settings';
import { settingsPolicy } from './settings-policy';
import { SOURCE_YEARS } from './work-calendar';

/** The settings page: what is stored, the defaults from the env, and the calendar's coverage. */
export async function getSettings(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  enforce(settingsPolicy.read, actor, undefined);
  const settings = await runtimeSettings(deps);
  const base = deps.config.certificates;
  return {
    stored: settings.stored,
    defaults: {
      certificateDeadlineWorkingDays: base.deadlineWorkingDays,
      certificateDocumentRetentionDays: base.documentRetentionDays,
    },
    effective: {
      certificateDeadlineWorkingDays: settings.certificates.deadlineWorkingDays,
      certificateDocumentRetentionDays: settings.certificates.documentRetentionDays,
    },
    calendar: {
      sourceYears: [...SOURCE_YEARS],
      missingYear: settings.missingCalendarYear,
    },
  };
}
