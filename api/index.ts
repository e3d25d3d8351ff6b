// The Worker entry: HTTP (Hono app), the JOBS queue consumer and the cron trigger.

import { escalateOverdueApplications } from '../core/certificates/escalate-overdue-applications';
import { logEvent } from '../core/log';
import { purgeExpired } from '../core/maintenance/purge-expired';
import { createApp } from './app';
import type { WorkerBindings } from './env';
import { consumeJobs } from './queue';
import { buildServices } from './services';

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: WorkerBindings): Promise<void> {
    await consumeJobs(batch, buildServices(env, {}, { requestId: crypto.randomUUID() }));
  },

  async scheduled(controller: ScheduledController, env: WorkerBindings): Promise<void> {
    const services = buildServices(env, {}, { requestId: crypto.randomUUID() });
    const purged = await purgeExpired({ deps: services.deps });
    const overdue = await escalateOverdueApplications({ deps: services.deps });
    logEvent('info', 'scheduled maintenance done', { cron: controller.cron, ...purged, ...overdue });
  },
} satisfies ExportedHandler<WorkerBindings>;
