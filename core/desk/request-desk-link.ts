import { deskSignInLinks } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { DESK_LINK_TTL_MS, DESK_TOKEN_BYTES, sha256Hex } from './desk-tokens';

/**
 * An officer asks (in their own chat) to sign in at a computer: a one-time token, kept only as its hash,
 * good for 10 minutes. People without an office get no link — the desk is for officers' work only.
 */
export async function requestDeskLink(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  if (actor.roles.length === 0) throw new AppError('forbidden');
  const token = deps.ids.token(DESK_TOKEN_BYTES);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + DESK_LINK_TTL_MS);
  await deps.db.insert(deskSignInLinks).values({
    tokenHash: await sha256Hex(token),
    userId: actor.userId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}
