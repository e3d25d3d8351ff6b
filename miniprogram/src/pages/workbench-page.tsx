// Officers' workbench: their roles and where each applies, and the tools of those roles — for
// reviewers and admins the certificate queue (with open and overdue counts) and the dashboard; for
// publicity officers and admins the campaigns (awaiting approval, ready, sending) and the guide.
import { LinkCard, Panel } from '../components/card';
import { Icon } from '../components/icons';
import { List, ListItem } from '../components/list';
import { Page, Section } from '../components/page';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { getReviewQueue } from '../lib/api/certificates';
import { getVillages, type RoleGrant, type Village } from '../lib/api/endpoints';
import { formatList } from '../lib/format';
import { type Translate, useT } from '../lib/i18n';
import { useProfile } from '../lib/profile';
import { useResource } from '../lib/use-resource';
import { openStageCounts } from './publicity/stages';

function scopeText(grant: RoleGrant, villages: readonly Village[], t: Translate): string {
  if (grant.villageIds === null) return t('workbench.townshipWide');
  const names = grant.villageIds.map((id) => villages.find((v) => v.id === id)?.name ?? `#${id}`);
  return formatList(names, t);
}

/** Open and overdue counts for the queue card: two one-row queue requests (their totals). */
async function queueCounts() {
  const [open, overdue] = await Promise.all([
    getReviewQueue({ view: 'open', limit: '1' }),
    getReviewQueue({ view: 'open', overdue: 'true', limit: '1' }),
  ]);
  return { open: open.total, overdue: overdue.total };
}

function ReviewTools() {
  const t = useT();
  const counts = useResource(queueCounts);
  const summary = counts.data
    ? t('workbench.queueCounts', { open: counts.data.open, overdue: counts.data.overdue })
    : counts.error
      ? t('workbench.countsUnavailable')
      : t('ui.loading');
  return (
    <Section title={t('workbench.certificates')}>
      <div class="card-stack">
        <LinkCard
          to="/review"
          icon={<Icon name="queue" />}
          title={t('review.queue.title')}
          summary={summary}
          badge={
            counts.data?.overdue ? t('workbench.overdueBadge', { count: counts.data.overdue }) : undefined
          }
          badgeTone="danger"
        />
        <LinkCard
          to="/review/dashboard"
          icon={<Icon name="chart" />}
          title={t('dashboard.title')}
          summary={t('workbench.dashboardSummary')}
        />
      </div>
    </Section>
  );
}

function PublicityTools() {
  const t = useT();
  const counts = useResource(openStageCounts);
  const summary = counts.data
    ? t('workbench.publicityCounts', {
        drafts: counts.data.draft,
        submitted: counts.data.submitted,
        scheduled: counts.data.scheduled,
        sending: counts.data.sending,
      })
    : counts.error
      ? t('workbench.countsUnavailable')
      : t('ui.loading');
  return (
    <Section title={t('workbench.publicity')}>
      <div class="card-stack">
        <LinkCard
          to="/publicity"
          icon={<Icon name="megaphone" />}
          title={t('workbench.campaigns')}
          summary={summary}
          badge={
            counts.data?.submitted
              ? t('workbench.approvalBadge', { count: counts.data.submitted })
              : undefined
          }
        />
        <LinkCard
          to="/guide"
          icon={<Icon name="guide" />}
          title={t('workbench.guide')}
          summary={t('workbench.guideSummary')}
        />
      </div>
    </Section>
  );
}

/** Administration (township-wide admins): one card to the admin pages. */
function AdminTools() {
  const t = useT();
  return (
    <Section title={t('workbench.admin')}>
      <div class="card-stack">
        <LinkCard
          to="/admin"
          icon={<Icon name="settings" />}
          title={t('workbench.admin')}
          summary={t('workbench.adminSummary')}
        />
      </div>
    </Section>
  );
}

/** Before a year without a holiday calendar begins: deadlines there would count only weekends. */
function CalendarBanner({ year }: { year: number }) {
  const t = useT();
  return (
    <Panel tone="warning">
      <p role="status">{t('workbench.calendarMissing', { year })}</p>
    </Panel>
  );
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
  const missingYear = me.notices.calendarMissingYear;
  return (
    <Page title={t('workbench.title')}>
      {missingYear ? <CalendarBanner year={missingYear} /> : null}
      {me.capabilities.admin.allowed ? <AdminTools /> : null}
      {me.capabilities.campaigns.read ? <PublicityTools /> : null}
      {me.capabilities.review.allowed ? <ReviewTools /> : null}
      <Section title={t('workbench.rolesTitle')}>
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
      </Section>
      <Panel tone="info">
        <p>{t('workbench.soonOther')}</p>
      </Panel>
    </Page>
  );
}
