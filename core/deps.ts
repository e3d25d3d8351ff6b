import type { Db } from '../db/client';
import type { CoreConfig } from './config';
import type { ObjectStore } from './files/object-store';
import type { JobQueue } from './notifications/jobs';
import type { Clock, Ids } from './runtime';

/** What every use case may need; transports build it once per request, queue batch or cron run. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  /** Correlates logs and audit entries with the request or update that caused them. */
  requestId: string;
  config: CoreConfig;
  /** R2 in the Worker; documents and certificates. */
  files: ObjectStore;
  /** The JOBS Queue: notifications and other work done after the response. */
  jobs: JobQueue;
  /** The broadcast queue (campaign materialisation and send batches); the JOBS queue where there is none. */
  broadcast: JobQueue;
}
