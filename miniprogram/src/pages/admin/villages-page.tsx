// Villages and communities: the list (deactivated ones marked) and the form that adds one.
import { useState } from 'preact/hooks';
import { VILLAGE_CODE_MAX_CHARS, VILLAGE_NAME_MAX_CHARS } from '../../../../core/villages/village-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { List } from '../../components/list';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { createVillage, listAdminVillages } from '../../lib/api/admin';
import { fieldErrors } from '../../lib/api/api-error';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import './admin.css';

function AddVillage({ onAdded }: { onAdded: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(error);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await createVillage({ name, code });
      setName('');
      setCode('');
      setDone(true);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={(e) => void submit(e)} aria-label={t('admin:villages.add')}>
      <Field id="village-name" label={t('admin:villages.name')} error={errors.name}>
        <input
          value={name}
          maxLength={VILLAGE_NAME_MAX_CHARS}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field
        id="village-code"
        label={t('admin:villages.code')}
        hint={t('admin:villages.codeHint')}
        error={errors.code}
      >
        <input
          value={code}
          maxLength={VILLAGE_CODE_MAX_CHARS}
          autoCapitalize="off"
          spellcheck={false}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} shownFields={['name', 'code']} />
      <div class="form-actions">
        <Button type="submit" busy={busy}>
          {t('admin:villages.addButton')}
        </Button>
      </div>
      <p class="form-status" role="status">
        {done ? t('admin:villages.added') : ''}
      </p>
    </form>
  );
}

export function VillagesPage() {
  const t = useT();
  const villages = useResource(listAdminVillages);
  return (
    <AdminGate title={t('admin:villages.title')}>
      <Page title={t('admin:villages.title')}>
        <div class="admin-columns">
          <Section title={t('admin:villages.title')}>
            {villages.error ? (
              <ErrorState error={villages.error} onRetry={villages.reload} />
            ) : !villages.data ? (
              <Loading />
            ) : villages.data.villages.length === 0 ? (
              <EmptyState title={t('admin:villages.title')} body={t('admin:villages.empty')} />
            ) : (
              <List label={t('admin:villages.title')}>
                {villages.data.villages.map((v) => (
                  <li key={v.id} class="list-item">
                    <Link to={`/admin/villages/${v.id}`} class="admin-row">
                      <span class="list-title">
                        {v.name}
                        {v.active ? null : (
                          <span class="badge badge-warning">{t('admin:villages.inactive')}</span>
                        )}
                      </span>
                      <span class="list-detail">{t('admin:villages.codeLine', { code: v.code })}</span>
                    </Link>
                  </li>
                ))}
              </List>
            )}
          </Section>
          <Section title={t('admin:villages.add')}>
            <AddVillage onAdded={villages.reload} />
          </Section>
        </div>
      </Page>
    </AdminGate>
  );
}
