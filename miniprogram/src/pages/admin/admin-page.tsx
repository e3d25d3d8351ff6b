// The administration home: villages, officers, settings, audit log.
import { LinkCard } from '../../components/card';
import { Icon } from '../../components/icons';
import { Page } from '../../components/page';
import { useT } from '../../lib/i18n';
import { AdminGate } from './admin-gate';
import './admin.css';

export function AdminPage() {
  const t = useT();
  return (
    <AdminGate title={t('admin:title')}>
      <Page title={t('admin:title')}>
        <p class="lead">{t('admin:home.intro')}</p>
        <div class="card-stack admin-grid">
          <LinkCard
            to="/admin/villages"
            icon={<Icon name="village" />}
            title={t('admin:home.villages')}
            summary={t('admin:home.villagesSummary')}
          />
          <LinkCard
            to="/admin/officers"
            icon={<Icon name="officers" />}
            title={t('admin:home.officers')}
            summary={t('admin:home.officersSummary')}
          />
          <LinkCard
            to="/admin/settings"
            icon={<Icon name="settings" />}
            title={t('admin:home.settings')}
            summary={t('admin:home.settingsSummary')}
          />
          <LinkCard
            to="/admin/audit"
            icon={<Icon name="log" />}
            title={t('admin:home.audit')}
            summary={t('admin:home.auditSummary')}
          />
        </div>
      </Page>
    </AdminGate>
  );
}
