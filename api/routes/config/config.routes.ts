// Public, unauthenticated settings the mini app needs before anyone signs in (launch screen).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';

export const ZPublicConfig = z
  .object({
    appEnv: z.enum(['development', 'test', 'production']),
    botUsername: z.string(),
  })
  .openapi('PublicConfig');

const getConfigRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: ['config'],
  summary: 'Environment and bot username (no secrets), for the mini app launch screen',
  responses: {
    200: { description: 'Public settings', content: { 'application/json': { schema: ZPublicConfig } } },
  },
});

export const configRoutes = new OpenAPIHono<AppEnv>().openapi(getConfigRoute, (c) => {
  const { config } = c.get('services');
  return c.json({ appEnv: config.APP_ENV, botUsername: config.TELEGRAM_BOT_USERNAME }, 200);
});
