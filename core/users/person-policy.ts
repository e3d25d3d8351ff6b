// Who may read a person's record and their stored files: the person, and reviewers, case handlers and
// admins of their village (every such officer read is audited by the use case). Pure.
import { ownOrOfficer, type Policy, villageRefusal } from '../auth/policy';

const OFFICERS = ['reviewer', 'case_handler', 'admin'] as const;

export interface PersonRecord {
  userId: string;
  villageId: number | null;
}

export const personPolicy = {
  /** To a person without an office, someone else's record does not exist (ids cannot be probed). */
  read: {
    roles: 'anyone',
    record: (actor, p) => ownOrOfficer(actor, p.userId, () => villageRefusal(actor, OFFICERS, p.villageId)),
  },
} satisfies Policy<PersonRecord>;
