// Roles and scope of an officer (or an invitation): role checkboxes, then the whole township or a
// list of villages. The same choice for every role, as the admin pages offer it.
import type { AdminVillage } from '../../lib/api/admin';
import type { RoleGrant } from '../../lib/api/endpoints';
import { useT } from '../../lib/i18n';

type OfficerRole = RoleGrant['role'];

export const ROLES: readonly OfficerRole[] = ['reviewer', 'publicity', 'case_handler', 'finance', 'admin'];

export interface ScopeValue {
  roles: OfficerRole[];
  /** null: township-wide. */
  villageIds: number[] | null;
}

const toggle = <T,>(list: readonly T[], item: T, on: boolean) =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

export function ScopePicker({
  value,
  villages,
  onChange,
  errors,
}: {
  value: ScopeValue;
  villages: readonly AdminVillage[];
  onChange: (v: ScopeValue) => void;
  errors: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <>
      <fieldset class={errors.roles ? 'check-group field-invalid' : 'check-group'}>
        <legend>{t('admin:officers.roles')}</legend>
        <div class="check-grid">
          {ROLES.map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                name="role"
                value={r}
                checked={value.roles.includes(r)}
                onChange={(e) =>
                  onChange({ ...value, roles: toggle(value.roles, r, e.currentTarget.checked) })
                }
              />
              <span>{t(`common:roles.${r}`)}</span>
            </label>
          ))}
        </div>
        {errors.roles ? <p class="field-error">{errors.roles}</p> : null}
      </fieldset>
      <fieldset class={errors.villageIds ? 'check-group field-invalid' : 'check-group'}>
        <legend>{t('admin:officers.scope')}</legend>
        <label class="check">
          <input
            type="radio"
            name="scope"
            checked={value.villageIds === null}
            onChange={() => onChange({ ...value, villageIds: null })}
          />
          <span>{t('admin:officers.townshipWide')}</span>
        </label>
        <label class="check">
          <input
            type="radio"
            name="scope"
            checked={value.villageIds !== null}
            onChange={() => onChange({ ...value, villageIds: value.villageIds ?? [] })}
          />
          <span>{t('admin:officers.someVillages')}</span>
        </label>
        {value.villageIds !== null ? (
          <div class="check-grid">
            {villages
              .filter((v) => v.active || value.villageIds?.includes(v.id))
              .map((v) => (
                <label key={v.id} class="check">
                  <input
                    type="checkbox"
                    name="village"
                    value={String(v.id)}
                    checked={value.villageIds?.includes(v.id) ?? false}
                    onChange={(e) =>
                      onChange({
                        ...value,
                        villageIds: toggle(value.villageIds ?? [], v.id, e.currentTarget.checked),
                      })
                    }
                  />
                  <span>{v.name}</span>
                </label>
              ))}
          </div>
        ) : null}
        {errors.villageIds ? <p class="field-error">{errors.villageIds}</p> : null}
      </fieldset>
    </>
  );
}

/** "Reviewing officer · 东山村、西山村" for a list row. */
export function grantsText(
  grants: readonly { role: OfficerRole; villageIds: number[] | null }[],
  villages: readonly AdminVillage[],
  t: ReturnType<typeof useT>,
): string {
  return grants
    .map((g) => {
      const scope =
        g.villageIds === null
          ? t('admin:officers.townshipWide')
          : g.villageIds
              .map((id) => villages.find((v) => v.id === id)?.name ?? `#${id}`)
              .join(t('ui.listSeparator'));
      return `${t(`common:roles.${g.role}`)} · ${scope}`;
    })
    .join('\n');
}
