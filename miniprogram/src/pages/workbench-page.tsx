// Officers' workbench: their roles and where each applies, and the tools of those roles — for
// reviewers and admins the certificate queue (with open and overdue counts) and the dashboard, and the
// service file's verification queue, completeness and livelihood requests; for publicity officers and
// admins the campaigns (awaiting approval, ready, sending) and the guide; for case handlers the tip-off
// queue (open and overdue) and its figures; for finance officers and admins the rewards (waiting for
// approval or payment), the ledger and the reward table.
import { LinkCard, Panel } from '../components/card';
import { Icon } from '../components/icons';
import { List, ListItem } from '../components/list';
import { Page, Section } from '../components/page';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { getReviewQueue } from '../lib/api/certificates';
import { getVillages, type RoleGrant, type Village } from '../lib/api/endpoints';
import { getLivelihoodQueue, getServiceQueue } from '../lib/api/service-file';
import { getTipQueue, listRewards } from '../lib/api/tipoff-desk';
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

/** To verify, overdue, and livelihood requests awaiting an answer (one-row queue requests: their totals). */
async function serviceFileCounts() {
  const [open, overdue, requests] = await Promise.all([
    getServiceQueue({ limit: '1' }),
    getServiceQueue({ overdue: 'true', limit: '1' }),
    getLivelihoodQueue({}),
  ]);
  return { open: open.total, overdue: overdue.total, requests: requests.requests.length };
}

function ServiceFileTools({ publish }: { publish: boolean }) {
  const t = useT();
  const counts = useResource(serviceFileCounts);
  const summary = counts.data
    ? t('fileApp:officer.queueCounts', { open: counts.data.open, overdue: counts.data.overdue })
    : counts.error
      ? t('workbench.countsUnavailable')
      : t('ui.loading');
  return (
    <Section title={t('fileApp:officer.section')}>
      <div class="card-stack">
        <LinkCard
          to="/review/service-file"
          icon={<Icon name="queue" />}
          title={t('fileApp:officer.queue')}
          summary={summary}
          badge={
            counts.data?.overdue ? t('workbench.overdueBadge', { count: counts.data.overdue }) : undefined
          }
          badgeTone="danger"
        />
        <LinkCard
          to="/review/service-file/completeness"
          icon={<Icon name="chart" />}
          title={t('fileApp:officer.completeness')}
          summary={t('fileApp:officer.completenessSummary')}
        />
        <LinkCard
          to="/review/service-file/livelihood"
          icon={<Icon name="serviceFile" />}
          title={t('fileApp:officer.livelihood')}
          summary={
            counts.data
              ? t('fileApp:officer.livelihoodSummary', { count: counts.data.requests })
              : t('fileApp:officer.livelihoodHint')
          }
        />
        {publish ? (
          <LinkCard
            to="/review/service-file/agreement"
            icon={<Icon name="serviceFile" />}
            title={t('fileApp:agreementOffice.title')}
            summary={t('fileApp:agreementOffice.summary')}
          />
        ) : null}
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

/** Open and overdue tip-offs for the case queue's card. */
async function tipCounts() {
  const { items } = await getTipQueue('open');
  return { open: items.length, overdue: items.filter((i) => i.overdue).length };
}

function CaseTools() {
  const t = useT();
  const counts = useResource(tipCounts);
  const summary = counts.data
    ? t('workbench.tipCounts', { open: counts.data.open, overdue: counts.data.overdue })
    : counts.error
      ? t('workbench.countsUnavailable')
      : t('ui.loading');
  return (
    <Section title={t('workbench.tipoffs')}>
      <div class="card-stack">
        <LinkCard
          to="/cases"
          icon={<Icon name="queue" />}
          title={t('workbench.caseQueue')}
          summary={summary}
          badge={
            counts.data?.overdue ? t('workbench.overdueBadge', { count: counts.data.overdue }) : undefined
          }
          badgeTone="danger"
        />
        <LinkCard
          to="/cases/charts"
          icon={<Icon name="chart" />}
          title={t('workbench.tipCharts')}
          summary={t('workbench.tipChartsSummary')}
        />
      </div>
    </Section>
  );
}

/** Rewards waiting for an approval and approved ones not yet paid. */
async function rewardCounts() {
  const { items } = await listRewards();
  return {
    approval: items.filter((r) => r.status === 'proposed' || r.status === 'awaiting_second').length,
    payment: items.filter((r) => r.status === 'approved' || r.status === 'claimed').length,
  };
}

function RewardTools({ editTiers, charts }: { editTiers: boolean; charts: boolean }) {
  const t = useT();
  const counts = useResource(rewardCounts);
  const summary = counts.data
    ? t('workbench.rewardCounts', { approval: counts.data.approval, payment: counts.data.payment })
    : counts.error
      ? t('workbench.countsUnavailable')
      : t('ui.loading');
  return (
    <Section title={t('workbench.rewardsSection')}>
      <div class="card-stack">
        <LinkCard
          to="/rewards"
          icon={<Icon name="reward" />}
          title={t('workbench.rewards')}
          summary={summary}
          badge={
            counts.data?.approval ? t('workbench.approvalBadge', { count: counts.data.approval }) : undefined
          }
        />
        <LinkCard
          to="/rewards/ledger"
          icon={<Icon name="ledger" />}
          title={t('workbench.ledger')}
          summary={t('workbench.ledgerSummary')}
        />
        {editTiers ? (
          <LinkCard
            to="/rewards/tiers"
            icon={<Icon name="table" />}
            title={t('workbench.tiers')}
            summary={t('workbench.tiersSummary')}
          />
        ) : null}
        {charts ? (
          <LinkCard
            to="/cases/charts"
            icon={<Icon name="chart" />}
            title={t('workbench.tipCharts')}
            summary={t('workbench.tipChartsSummary')}
          />
        ) : null}
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
      {me.capabilities.tipoffs.handle ? <CaseTools /> : null}
      {me.capabilities.tipoffs.rewards ? (
        <RewardTools
          editTiers={me.capabilities.tipoffs.editTiers}
          charts={!me.capabilities.tipoffs.handle && me.capabilities.tipoffs.charts}
        />
      ) : null}
      {me.capabilities.review.allowed ? <ServiceFileTools publish={me.capabilities.admin.allowed} /> : null}
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
    </Page>
  );
}
