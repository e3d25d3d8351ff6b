// Invite an officer: roles, scope and a note of whom it is for → a one-time link (shown once) that
// the person opens in Telegram and accepts in the bot's chat.
import { useState } from 'preact/hooks';
import { INVITE_LABEL_MAX_CHARS } from '../../../../core/officers/officer-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { createInvite, listAdminVillages } from '../../lib/api/admin';
import { fieldErrors } from '../../lib/api/api-error';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import { ScopePicker, type ScopeValue } from './scope-picker';
import './admin.css';

export function InvitePage() {
  const t = useT();
  const { language } = useI18n();
  const villages = useResource(listAdminVillages);
  const [scope, setScope] = useState<ScopeValue>({ roles: [], villageIds: null });
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const [created, setCreated] = useState<{ link: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = { ...fieldErrors(error), ...local };
  const submit = async (e: Event) => {
    e.preventDefault();
    const problems = {
      roles: scope.roles.length ? undefined : t('admin:officers.noRoles'),
      villageIds: scope.villageIds?.length === 0 ? t('admin:officers.noVillages') : undefined,
    };
    setLocal(problems);
    if (problems.roles || problems.villageIds) return;
    setBusy(true);
    setError(null);
    try {
      setCreated(await createInvite({ roles: scope.roles, villageIds: scope.villageIds, label }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <AdminGate title={t('admin:officers.invite')}>
      <Page title={t('admin:officers.invite')}>
        {created ? (
          <Panel tone="info">
            <h2>{t('admin:officers.linkTitle')}</h2>
            <p>
              {t('admin:officers.linkBody', { date: formatDate(created.expiresAt, language, 'dateTime') })}
            </p>
            <p class="admin-link" data-testid="invite-link">
              {created.link}
            </p>
            <div class="form-actions">
              <Button onClick={() => void copy()}>{t('admin:officers.copy')}</Button>
            </div>
            <p class="form-status" role="status">
              {copied ? t('admin:officers.copied') : ''}
            </p>
          </Panel>
        ) : villages.error ? (
          <ErrorState error={villages.error} onRetry={villages.reload} />
        ) : !villages.data ? (
          <Loading />
        ) : (
          <form class="card form" onSubmit={(e) => void submit(e)}>
            <Field
              id="invite-label"
              label={t('admin:officers.label')}
              hint={t('admin:officers.labelHint')}
              error={errors.label}
            >
              <input
                value={label}
                maxLength={INVITE_LABEL_MAX_CHARS}
                onInput={(e) => setLabel(e.currentTarget.value)}
              />
            </Field>
            <ScopePicker
              value={scope}
              villages={villages.data.villages}
              onChange={setScope}
              errors={errors}
            />
            <FormError error={error} shownFields={['label', 'roles', 'villageIds']} />
            <div class="form-actions">
              <Button type="submit" busy={busy}>
                {t('admin:officers.create')}
              </Button>
            </div>
          </form>
        )}
      </Page>
    </AdminGate>
  );
}
