// The desk session seen from the mini app running in a browser: its CSRF token (for state-changing
// calls) and signing out. Only a desk session has either; the Telegram mini app gets 404.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { deskCsrfToken } from '../../../core/desk/desk-tokens';
import { endDeskSession } from '../../../core/desk/end-desk-session';
import { AppError } from '../../../core/errors';
import type { AppEnv } from '../../context';
import { DESK_COOKIE, requireUser } from '../../middleware/auth';
import { actionErrors as errors, jsonResponse as json } from '../schemas';

const tags = ['desk'];
const auth = { security: [{ tma: [] }], middleware: [requireUser] };

function deskSessionOf(c: Context<AppEnv>) {
  const session = c.get('deskSession');
  if (!session) throw new AppError('not_found');
  return session;
}

const session = createRoute({
  method: 'get',
  path: '/desk/session',
  tags,
  summary: 'The desk session: its CSRF token, sent back in X-Desk-Csrf on state-changing calls',
  ...auth,
  responses: { 200: json(z.object({ csrfToken: z.string() }), 'Desk session'), ...errors },
});

const signOut = createRoute({
  method: 'post',
  path: '/desk/sign-out',
  tags,
  summary: 'End the desk session now (recorded)',
  ...auth,
  responses: { 204: { description: 'Signed out' }, ...errors },
});

export const deskRoutes = new OpenAPIHono<AppEnv>()
  .openapi(session, async (c) => {
    const { token } = deskSessionOf(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ csrfToken: await deskCsrfToken(token) }, 200);
  })
  .openapi(signOut, async (c) => {
    const { id } = deskSessionOf(c);
    await endDeskSession({ deps: c.get('services').deps, sessionId: id, userId: c.get('actor').userId });
    deleteCookie(c, DESK_COOKIE, { path: '/', secure: true });
    return c.body(null, 204);
  });
