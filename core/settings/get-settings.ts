import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { numberDefaults, runtimeSettings } from './runtime-settings';
import { settingsPolicy } from './settings-policy';
import { SOURCE_YEARS } from './work-calendar';

/** The settings page: what is stored, the defaults from the env, what is in effect, the calendar's coverage. */
export async function getSettings(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  enforce(settingsPolicy.read, actor, undefined);
  const settings = await runtimeSettings(deps);
  const offsets = (o: { before: readonly number[]; after: readonly number[] }) => ({
    before: [...o.before],
    after: [...o.after],
  });
  return {
    stored: settings.stored,
    defaults: {
      ...numberDefaults(deps.config),
      serviceFileReminderOffsets: offsets(deps.config.serviceFile.reminderOffsets),
    },
    effective: {
      ...settings.numbers,
      serviceFileReminderOffsets: offsets(settings.serviceFile.reminderOffsets),
    },
    calendar: {
      sourceYears: [...SOURCE_YEARS],
      missingYear: settings.missingCalendarYear,
    },
  };
}
