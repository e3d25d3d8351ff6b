// Who may do what with the service guide (公开栏): everyone signed in reads it; publicity officers and
// admins write it. Pure: no db, importable by the mini app.
import type { Policy } from '../auth/policy';

export const guidePolicy = {
  read: { roles: 'anyone' },
  edit: { roles: ['publicity', 'admin'] },
} satisfies Policy<unknown>;
