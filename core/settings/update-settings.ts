import { eq } from 'drizzle-orm';
import { appSettings } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { forgetRuntimeSettings } from './runtime-settings';
import { settingsPolicy } from './settings-policy';
import { SETTING_KEYS, ZUpdateSettingsSchema } from './settings-schema';

/**
 * Stores the settings given (null: back to the env/config default); the next request reads them.
 * Audited with the keys changed and, for numbers, the new value.
 */
export async function updateSettings(options: { deps: CoreDeps; actor: Actor; input: unknown }) {
  const { deps, actor } = options;
  enforce(settingsPolicy.update, actor, undefined);
  const input = parseOrThrow(ZUpdateSettingsSchema, options.input);
  const now = deps.clock.now();
  const changed = SETTING_KEYS.filter((k) => input[k] !== undefined);
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
