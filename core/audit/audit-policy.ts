// Who may read and export the audit log: a township-wide admin (every export is itself audited). Pure.
import type { Policy } from '../auth/policy';
import { townshipAdminRefusal } from '../officers/officer-policy';

export const auditPolicy = {
  read: { roles: ['admin'], record: (actor) => townshipAdminRefusal(actor) },
  export: { roles: ['admin'], record: (actor) => townshipAdminRefusal(actor) },
} satisfies Policy<undefined>;
