import type { Db } from '../db/client';
import type { Clock, Ids } from './runtime';

/** What every use case may need; transports build it once per request. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  /** Correlates logs and audit entries with the request or update that caused them. */
  requestId: string;
}
