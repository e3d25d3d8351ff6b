// Who may see a village's figures (officers of any role responsible for that village) and who may
// add, rename, deactivate villages and set their deep-link codes (a township-wide admin). Pure.
import type { Policy } from '../auth/policy';
import { villageRefusal } from '../auth/policy';
import { townshipAdminRefusal } from '../officers/officer-policy';

const OFFICERS = ['reviewer', 'publicity', 'case_handler', 'finance', 'admin'] as const;

export const villagePolicy = {
  readSummary: { roles: OFFICERS, record: (actor, v) => villageRefusal(actor, OFFICERS, v.villageId) },
  /** Add, rename, deactivate, set the code; the list with deactivated villages; posters. */
  manage: { roles: ['admin'], record: (actor) => townshipAdminRefusal(actor) },
} satisfies Policy<{ villageId: number }>;
