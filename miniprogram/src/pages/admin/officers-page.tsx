// Officers: who has which roles where (and how many open applications they own), and the
// invitations not yet accepted (withdrawable).
import { useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { List } from '../../components/list';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { listAdminVillages, listOfficers, revokeInvite } from '../../lib/api/admin';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import { grantsText } from './scope-picker';
import './admin.css';

const load = () => Promise.all([listOfficers(), listAdminVillages()]);

export function OfficersPage() {
  const t = useT();
  const { language } = useI18n();
  const data = useResource(load);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const actions = (
    <Link to="/admin/officers/invite" class="button button-primary">
      {t('admin:officers.invite')}
    </Link>
  );
  return (
    <AdminGate title={t('admin:officers.title')}>
      <Page title={t('admin:officers.title')} actions={actions}>
        {data.error ? (
          <ErrorState error={data.error} onRetry={data.reload} />
        ) : !data.data ? (
          <Loading />
        ) : (
          <div class="admin-columns">
            <Section title={t('admin:officers.title')}>
              {data.data[0].officers.length === 0 ? (
                <EmptyState title={t('admin:officers.title')} body={t('admin:officers.empty')} />
              ) : (
                <List label={t('admin:officers.title')}>
                  {data.data[0].officers.map((o) => (
                    <li key={o.userId} class="list-item">
                      <Link to={`/admin/officers/${o.userId}`} class="admin-row">
                        <span class="list-title">{o.displayName}</span>
                        <span class="list-detail pre-line">
                          {grantsText(o.roles, data.data![1].villages, t)}
                        </span>
                        {o.ownedOpen ? (
                          <span class="admin-entry-meta">
                            {t('admin:officers.owned', { count: o.ownedOpen })}
                          </span>
                        ) : null}
                      </Link>
                    </li>
                  ))}
                </List>
              )}
            </Section>
            <Section title={t('admin:officers.invitesTitle')}>
              {data.data[0].invites.length === 0 ? (
                <p class="muted">{t('admin:officers.noInvites')}</p>
              ) : (
                <List label={t('admin:officers.invitesTitle')}>
                  {data.data[0].invites.map((i) => (
                    <li key={i.id} class="list-item">
                      <span class="list-title">{i.label || t('admin:officers.invite')}</span>
                      <span class="list-detail pre-line">
                        {grantsText(
                          i.roles.map((role) => ({ role, villageIds: i.villageIds })),
                          data.data![1].villages,
                          t,
                        )}
                      </span>
                      <span class="admin-entry-meta">
                        {t('admin:officers.expires', { date: formatDate(i.expiresAt, language, 'dateTime') })}
                      </span>
                      <div>
                        <Button variant="plain" onClick={() => setWithdrawing(i.id)}>
                          {t('admin:officers.withdraw')}
                        </Button>
                      </div>
                    </li>
                  ))}
                </List>
              )}
            </Section>
          </div>
        )}
        {withdrawing ? (
          <ConfirmDialog
            title={t('admin:officers.withdrawTitle')}
            body={t('admin:officers.withdrawBody')}
            confirm={t('admin:officers.withdraw')}
            danger
            action={() => revokeInvite(withdrawing)}
            onConfirmed={data.reload}
            onClose={() => setWithdrawing(null)}
          />
        ) : null}
      </Page>
    </AdminGate>
  );
}
