// The columns a table needs to take part in the shared review workflow (claim, handover, deadline,
// overdue escalation). Certificate applications and service-file items both have them.
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';

/** A transaction or the db. */
export type ReviewTx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface ReviewTable {
  table: PgTable;
  id: PgColumn;
  status: PgColumn;
  villageId: PgColumn;
  ownerOfficerId: PgColumn;
  deadlineAt: PgColumn;
  overdueAt: PgColumn;
}
