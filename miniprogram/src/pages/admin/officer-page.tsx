// One officer: change roles and scope, or remove them. When they own open work they could no longer
// own — certificate applications, tip-off cases, service-file items under review — the page asks who
// takes over each kind (a reviewer, a case handler) and saves with them (handed over first).
import { useEffect, useState } from 'preact/hooks';
import { OWNED_WORK_KINDS, type OwnedWorkKind } from '../../../../core/officers/officer-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { changeOfficer, listAdminVillages, listOfficers, type OfficerChange } from '../../lib/api/admin';
import { fieldErrors, isApiError } from '../../lib/api/api-error';
import { useT } from '../../lib/i18n';
import { navigate, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import { ScopePicker, type ScopeValue } from './scope-picker';
import './admin.css';

const load = () => Promise.all([listOfficers(), listAdminVillages()]);

export function OfficerPage({ params }: PageProps) {
  const t = useT();
  const userId = params.id ?? '';
  const data = useResource(load, [userId]);
  const officer = data.data?.[0].officers.find((o) => o.userId === userId);
  const [scope, setScope] = useState<ScopeValue>({ roles: [], villageIds: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState(false);
  /** The change waiting for a successor (after the server answered handover_required). */
  const [pending, setPending] = useState<{ change: OfficerChange; message: string } | null>(null);
  const [successors, setSuccessors] = useState<Partial<Record<OwnedWorkKind, string>>>({});
  useEffect(() => {
    if (officer)
      setScope({ roles: officer.roles.map((r) => r.role), villageIds: officer.roles[0]?.villageIds ?? null });
  }, [officer?.userId, data.data]);

  const send = async (change: OfficerChange) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await changeOfficer(userId, change);
      setPending(null);
      if (change.roles.length === 0) navigate('/admin/officers', { replace: true });
      else {
        setSaved(true);
        data.reload();
      }
    } catch (err) {
      if (isApiError(err) && err.code === 'handover_required') {
        // The server's sentence says how many applications need a new owner.
        setPending({ change, message: err.serverMessage ?? '' });
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  const villages = data.data?.[1].villages ?? [];
  /** Who could take over each kind: reviewers (their scope is checked by the server), case handlers. */
  const candidates = (kind: OwnedWorkKind) =>
    (data.data?.[0].officers ?? []).filter(
      (o) =>
        o.userId !== userId && o.roles.some((r) => r.role === (kind === 'tip' ? 'case_handler' : 'reviewer')),
    );
  const kinds = OWNED_WORK_KINDS.filter((k) => (officer?.owned[k] ?? 0) > 0);
  const chosen = Object.fromEntries(Object.entries(successors).filter(([, v]) => v));
  const name = officer?.displayName ?? '';
  return (
    <AdminGate title={t('admin:officers.editTitle')}>
      <Page title={name || t('admin:officers.editTitle')}>
        {data.error ? (
          <ErrorState error={data.error} onRetry={data.reload} />
        ) : !data.data ? (
          <Loading />
        ) : !officer ? (
          <ErrorState error={null} message={t('admin:officers.notFound')} />
        ) : (
          <>
            <form
              class="card form"
              onSubmit={(e) => {
                e.preventDefault();
                void send({ roles: scope.roles, villageIds: scope.villageIds });
              }}
            >
              <ScopePicker value={scope} villages={villages} onChange={setScope} errors={errors} />
              {officer.ownedOpen ? (
                <div class="field-hint">
                  <p>{t('admin:officers.owned', { count: officer.ownedOpen })}</p>
                  <ul class="plain-list">
                    {kinds.map((k) => (
                      <li key={k}>{t(`admin:officers.ownedKind.${k}`, { count: officer.owned[k] })}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <FormError error={error} shownFields={['roles', 'villageIds']} />
              <div class="form-actions">
                <Button
                  type="submit"
                  busy={busy}
                  disabled={scope.roles.length === 0 || scope.villageIds?.length === 0}
                >
                  {t('admin:officers.save')}
                </Button>
                <Button variant="secondary" onClick={() => setRemoving(true)}>
                  {t('admin:officers.remove')}
                </Button>
              </div>
              <p class="form-status" role="status">
                {saved ? t('admin:officers.saved') : ''}
              </p>
            </form>
            {pending ? (
              <Panel tone="warning">
                <h2>{t('admin:officers.handoverTitle')}</h2>
                <p>{pending.message}</p>
                <p class="field-hint">{t('admin:officers.handoverHint')}</p>
                {kinds.map((kind) => {
                  const people = candidates(kind);
                  const id = `handover-${kind}`;
                  return people.length === 0 ? (
                    <p key={kind}>{t(`admin:officers.handoverNoneKind.${kind}`)}</p>
                  ) : (
                    <Field
                      key={kind}
                      id={id}
                      label={`${t(`admin:officers.handoverToKind.${kind}`)} (${t(
                        `admin:officers.ownedKind.${kind}`,
                        { count: officer.owned[kind] },
                      )})`}
                      error={errors[`handoverTo.${kind}`] ?? errors.handoverTo}
                    >
                      <select
                        value={successors[kind] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setSuccessors((s) => ({ ...s, [kind]: value }));
                        }}
                      >
                        <option value="">{t('admin:officers.handoverChoose')}</option>
                        {people.map((r) => (
                          <option key={r.userId} value={r.userId}>
                            {r.displayName}
                          </option>
                        ))}
                      </select>
                    </Field>
                  );
                })}
                <div class="form-actions">
                  <Button
                    busy={busy}
                    disabled={Object.keys(chosen).length === 0}
                    onClick={() => void send({ ...pending.change, handoverTo: chosen })}
                  >
                    {t('admin:officers.handoverConfirm')}
                  </Button>
                </div>
              </Panel>
            ) : null}
          </>
        )}
        {removing ? (
          <ConfirmDialog
            title={t('admin:officers.removeTitle', { name })}
            body={t('admin:officers.removeBody')}
            confirm={t('admin:officers.remove')}
            danger
            action={async () => {
              setRemoving(false);
              await send({ roles: [], villageIds: null });
            }}
            onConfirmed={() => {}}
            onClose={() => setRemoving(false)}
          />
        ) : null}
      </Page>
    </AdminGate>
  );
}
