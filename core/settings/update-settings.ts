import { eq } from 'drizzle-orm';
import { appSettings } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { restartReminderStages } from '../service-file/plan-reminders';
import { parseOrThrow } from '../validation';
import { forgetRuntimeSettings, numberDefaults, runtimeSettings } from './runtime-settings';
import { settingsPolicy } from './settings-policy';
import { SETTING_KEYS, TIP_DEADLINE_ORDER, ZUpdateSettingsSchema } from './settings-schema';

/**
 * Stores the settings given (null: back to the env/config default); the next request or cron run
 * reads them. Audited with the keys changed and, for numbers, the new value. The tip-off deadlines
 * must stay in order (acknowledge ≤ triage ≤ outcome) as they will be in effect; new reminder offsets
 * re-plan every item's next reminder stage in the same transaction.
 */
export async function updateSettings(options: { deps: CoreDeps; actor: Actor; input: unknown }) {
  const { deps, actor } = options;
  enforce(settingsPolicy.update, actor, undefined);
  const input = parseOrThrow(ZUpdateSettingsSchema, options.input);
  const now = deps.clock.now();
  const changed = SETTING_KEYS.filter((k) => input[k] !== undefined);
  // The tip-off deadlines as they will be in effect: given, reset to the default (null), or unchanged.
  const current = (await runtimeSettings(deps)).numbers;
  const defaults = numberDefaults(deps.config);
  const after = (k: (typeof TIP_DEADLINE_ORDER)[number]) =>
    input[k] === undefined ? current[k] : (input[k] ?? defaults[k]);
  for (let i = 1; i < TIP_DEADLINE_ORDER.length; i++) {
    const key = TIP_DEADLINE_ORDER[i]!;
    if (after(key) < after(TIP_DEADLINE_ORDER[i - 1]!)) {
      throw new AppError('validation_failed', {
        fields: [{ path: key, message: 'admin:validation.deadlineOrder' }],
      });
    }
  }
  await deps.db.transaction(async (tx) => {
    for (const key of changed) {
      const value = input[key];
      if (value === null) await tx.delete(appSettings).where(eq(appSettings.key, key));
      else
        await tx
          .insert(appSettings)
          .values({ key, value, updatedBy: actor.userId, updatedAt: now })
          .onConflictDoUpdate({
            target: appSettings.key,
            set: { value, updatedBy: actor.userId, updatedAt: now },
          });
    }
    if (input.serviceFileReminderOffsets !== undefined) {
      await restartReminderStages(
        tx,
        input.serviceFileReminderOffsets ?? deps.config.serviceFile.reminderOffsets,
      );
    }
  });
  forgetRuntimeSettings(deps);
  if (changed.length) {
    await recordAudit({
      deps,
      entry: {
        actorUserId: actor.userId,
        action: 'settings.update',
        recordType: 'settings',
        recordId: 'township',
        details: Object.fromEntries(
          changed.map((k) => {
            const v = input[k];
            return [k, typeof v === 'number' || v === null ? (v ?? null) : 'changed'];
          }),
        ),
      },
    });
  }
}
