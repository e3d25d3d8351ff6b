// Who may read and change the run-time settings (deadlines, retention, the holiday calendar): a
// township-wide admin. Pure.
import type { Policy } from '../auth/policy';
import { townshipAdminRefusal } from '../officers/officer-policy';

export const settingsPolicy = {
  read: { roles: ['admin'], record: (actor) => townshipAdminRefusal(actor) },
  update: { roles: ['admin'], record: (actor) => townshipAdminRefusal(actor) },
} satisfies Policy<undefined>;
