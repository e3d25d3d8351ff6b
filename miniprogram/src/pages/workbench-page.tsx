// Officers' workbench: their roles and where each applies. The officer tools will hang off this page.
import { Panel } from '../components/card';
import { List, ListItem } from '../components/list';
import { Page } from '../components/page';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { getVillages, type RoleGrant, type Village } from '../lib/api/endpoints';
import { formatList } from '../lib/format';
import { type Translate, useT } from '../lib/i18n';
import { useProfile } from '../lib/profile';
import { useResource } from '../lib/use-resource';

function scopeText(grant: RoleGrant, villages: readonly Village[], t: Translate): string {
  if (grant.villageIds === null) return t('workbench.townshipWide');
  const names = grant.villageIds.map((id) => villages.find((v) => v.id === id)?.name ?? `#${id}`);
  return formatList(names, t);
}

export function WorkbenchPage() {
  const t = useT();
  const { me } = useProfile();
  const villages = useResource(getVillages);
  if (!me.roles.length) {
    return (
      <Page title={t('workbench.title')}>
        <EmptyState title={t('workbench.title')} body={t('workbench.notOfficer')} />
      </Page>
    );
  }
  return (
    <Page title={t('workbench.title')}>
      <p class="lead">{t('workbench.intro')}</p>
      {villages.error ? (
        <ErrorState error={villages.error} onRetry={villages.reload} />
      ) : !villages.data ? (
        <Loading />
      ) : (
        <List label={t('workbench.title')}>
          {me.roles.map((grant) => (
            <ListItem
              key={grant.role}
              title={t(`common:roles.${grant.role}`)}
              detail={t('workbench.scope', { villages: scopeText(grant, villages.data ?? [], t) })}
            />
          ))}
        </List>
      )}
      <Panel tone="info">
        <p>{t('workbench.soon')}</p>
      </Panel>
    </Page>
  );
}
