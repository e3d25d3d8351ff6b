// One village: rename, change its deep-link code, the poster's short text, deactivate or use again; a
// link to its poster.
import { useEffect, useState } from 'preact/hooks';
import {
  VILLAGE_CODE_MAX_CHARS,
  VILLAGE_NAME_MAX_CHARS,
  VILLAGE_POSTER_TEXT_MAX_CHARS,
} from '../../../../core/villages/village-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { type AdminVillage, listAdminVillages, updateVillage } from '../../lib/api/admin';
import { fieldErrors } from '../../lib/api/api-error';
import { useT } from '../../lib/i18n';
import { Link, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import './admin.css';

function VillageForm({ village, onSaved }: { village: AdminVillage; onSaved: () => void }) {
  const t = useT();
  const [name, setName] = useState(village.name);
  const [code, setCode] = useState(village.code);
  const [posterText, setPosterText] = useState(village.posterText);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    setName(village.name);
    setCode(village.code);
    setPosterText(village.posterText);
  }, [village.id, village.name, village.code, village.posterText]);
  const errors = fieldErrors(error);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await updateVillage(village.id, { name, code, posterText });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const names = { village: village.name };
  return (
    <>
      <form class="card form" onSubmit={(e) => void save(e)}>
        <p>
          <span class={village.active ? 'badge badge-success' : 'badge badge-warning'}>
            {t(village.active ? 'admin:villages.active' : 'admin:villages.inactive')}
          </span>
        </p>
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
          flag={
            code.trim().toLowerCase() !== village.code ? t('admin:villages.codeChangeWarning') : undefined
          }
        >
          <input
            value={code}
            maxLength={VILLAGE_CODE_MAX_CHARS}
            autoCapitalize="off"
            spellcheck={false}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="village-poster-text"
          label={t('admin:villages.posterText')}
          hint={t('admin:villages.posterTextHint', { max: VILLAGE_POSTER_TEXT_MAX_CHARS })}
          error={errors.posterText}
        >
          <textarea
            rows={3}
            value={posterText}
            maxLength={VILLAGE_POSTER_TEXT_MAX_CHARS}
            onInput={(e) => setPosterText(e.currentTarget.value)}
          />
        </Field>
        <FormError error={error} shownFields={['name', 'code', 'posterText']} />
        <div class="form-actions">
          <Button type="submit" busy={busy}>
            {t('admin:villages.save')}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t(village.active ? 'admin:villages.deactivate' : 'admin:villages.reactivate')}
          </Button>
        </div>
        <p class="form-status" role="status">
          {saved ? t('admin:villages.saved') : ''}
        </p>
      </form>
      <Panel>
        <Link to={`/admin/villages/${village.id}/poster`} class="button button-secondary">
          {t('admin:villages.poster')}
        </Link>
      </Panel>
      {confirming ? (
        <ConfirmDialog
          title={t(
            village.active ? 'admin:villages.deactivateTitle' : 'admin:villages.reactivateTitle',
            names,
          )}
          body={t(village.active ? 'admin:villages.deactivateBody' : 'admin:villages.reactivateBody')}
          confirm={t(village.active ? 'admin:villages.deactivate' : 'admin:villages.reactivate')}
          danger={village.active}
          action={() => updateVillage(village.id, { active: !village.active })}
          onConfirmed={onSaved}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}

export function VillagePage({ params }: PageProps) {
  const t = useT();
  const id = Number(params.id);
  const villages = useResource(listAdminVillages, [id]);
  const village = villages.data?.villages.find((v) => v.id === id);
  return (
    <AdminGate title={t('admin:villages.editTitle')}>
      <Page title={village?.name ?? t('admin:villages.editTitle')}>
        {villages.error ? (
          <ErrorState error={villages.error} onRetry={villages.reload} />
        ) : !villages.data ? (
          <Loading />
        ) : !village ? (
          <ErrorState error={null} message={t('admin:villages.empty')} />
        ) : (
          <VillageForm village={village} onSaved={villages.reload} />
        )}
      </Page>
    </AdminGate>
  );
}
