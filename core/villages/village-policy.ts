// Who may see a village's figures: officers of any role responsible for that village. Pure.
import type { Policy } from '../auth/policy';
import { villageRefusal } from '../auth/policy';

const OFFICERS = ['reviewer', 'publicity', 'case_handler', 'finance', 'admin'] as const;

export const villagePolicy = {
  readSummary: { roles: OFFICERS, record: (actor, v) => villageRefusal(actor, OFFICERS, v.villageId) },
} satisfies Policy<{ villageId: number }>;
