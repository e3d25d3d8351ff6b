// The Worker entry: HTTP (Hono app), the JOBS and BROADCAST queue consumer, the cron trigger, and the
// broadcast governor and rate limiter Durable Object classes.

import { startDueCampaigns } from '../core/campaigns/start-due-campaigns';
import { sweepCampaigns } from '../core/campaigns/sweep-campaigns';
import { escalateOverdueApplications } from '../core/certificates/escalate-overdue-applications';
import { isDatabaseUnavailable } from '../core/infra-errors';
import { errorSummary, logEvent } from '../core/log';
import { purgeExpired } from '../core/maintenance/purge-expired';
import { escalateOverdueItems } from '../core/service-file/escalate-overdue-items';
import { openMissingFiles } from '../core/service-file/open-missing-files';
import { planReminders } from '../core/service-file/plan-reminders';
import { purgeServiceReports } from '../core/service-file/purge-service-reports';
import { refreshCompleteness } from '../core/service-file/refresh-completeness';
import { sendDueReminders } from '../core/service-file/send-due-reminders';
import { sendOfficerDigests } from '../core/service-file/send-officer-digests';
import { reopenStaleUpdateClaims } from '../core/telegram/claim-update';
import { escalateOverdueTips } from '../core/tipoffs/escalate-overdue-tips';
import { purgeClosedTips } from '../core/tipoffs/purge-closed-tips';
import { createApp } from './app';
import type { WorkerBindings } from './env';
import { consumeJobs } from './queue';
import { buildServices } from './services';

export { BroadcastGovernor } from './broadcast-governor';
export { RateLimiter } from './rate-limiter';

const app = createApp();
/** The cron runs every minute (campaigns); retention and deadline maintenance every 15 minutes. */
const MAINTENANCE_EVERY_MINUTES = 15;

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: WorkerBindings): Promise<void> {
    await consumeJobs(batch, buildServices(env, {}, { requestId: crypto.randomUUID() }));
  },

  async scheduled(controller: ScheduledController, env: WorkerBindings): Promise<void> {
    const services = buildServices(env, {}, { requestId: crypto.randomUUID() });
    try {
      const started = await startDueCampaigns({ deps: services.deps });
      const swept = await sweepCampaigns({ deps: services.deps });
      if (started.started > 0 || swept.sending > 0)
        logEvent('info', 'campaign cron done', { ...started, ...swept });
    } catch (e) {
      // The next minute tries again; maintenance below must not depend on it.
      logEvent('error', 'campaign cron failed', errorSummary(e));
    }
    try {
      // No update claim stays `processing` after its lease: Telegram's next delivery claims it anew.
      const claims = await reopenStaleUpdateClaims({ deps: services.deps });
      if (claims.reopened > 0) logEvent('warn', 'stale update claims reopened', claims);
    } catch (e) {
      logCronFailure('update claim sweep failed', e);
    }
    try {
      // Service file reminders: due ones go out every minute (rate-governed), outside quiet hours.
      const reminders = await sendDueReminders({
        deps: services.deps,
        governor: services.governor(),
        sender: services.campaignSender(),
      });
      if (reminders.sent + reminders.failed > 0) logEvent('info', 'service file reminders sent', reminders);
    } catch (e) {
      logCronFailure('service file reminders failed', e);
    }
    const minute = new Date(controller.scheduledTime).getUTCMinutes();
    // An explicit 15-minute cron (older deployments, `npm start`'s trigger) always runs maintenance.
    if (minute % MAINTENANCE_EVERY_MINUTES !== 0 && controller.cron === '* * * * *') return;
    try {
      const purged = await purgeExpired({ deps: services.deps });
      const overdue = await escalateOverdueApplications({ deps: services.deps });
      const tipsPurged = await purgeClosedTips({ deps: services.deps });
      const tipsOverdue = await escalateOverdueTips({ deps: services.deps });
      logEvent('info', 'scheduled maintenance done', {
        cron: controller.cron,
        ...purged,
        ...overdue,
        ...tipsPurged,
        ...tipsOverdue,
      });
    } catch (e) {
      // Every step is idempotent and bounded: the next run (15 minutes on) continues where this stopped.
      logCronFailure('scheduled maintenance failed', e);
    }
    try {
      const deps = services.deps;
      const opened = await openMissingFiles({ deps });
      const planned = await planReminders({ deps });
      const reports = await purgeServiceReports({ deps });
      const itemsOverdue = await escalateOverdueItems({ deps });
      const digests = await sendOfficerDigests({ deps });
      // The completeness dashboard's snapshot: at most 15 minutes old when officers read it.
      const completeness = await refreshCompleteness({ deps });
      logEvent('info', 'service file maintenance done', {
        ...opened,
        ...planned,
        ...reports,
        itemsOverdue: itemsOverdue.escalated,
        ...digests,
        completenessVillages: completeness.villages,
      });
    } catch (e) {
      // Every step is idempotent and bounded: the next run (15 minutes on) continues where this stopped.
      logCronFailure('scheduled maintenance failed', e);
    }
  },
} satisfies ExportedHandler<WorkerBindings>;

/** The database being away is expected now and then (a warning); anything else is an error. */
function logCronFailure(msg: string, e: unknown): void {
  logEvent(isDatabaseUnavailable(e) ? 'warn' : 'error', msg, errorSummary(e));
}
