import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import type { AppEnv } from '../../context';
import { ZErrorResponse } from '../schemas';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['ops'],
  summary: 'Liveness with a real database round trip',
  responses: {
    200: {
      description: 'Up',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
    },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: ZErrorResponse } } },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
  try {
    await c.get('services').deps.db.execute(sql`select 1`);
  } catch (cause) {
    throw new AppError('database_unavailable', { cause });
  }
  return c.json({ ok: true as const }, 200);
});
