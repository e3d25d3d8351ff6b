import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getUserRecord } from '../../../core/users/get-user-record';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { errorResponses, ZLanguage, ZPopulationStatus } from '../schemas';

const getUserRoute = createRoute({
  method: 'get',
  path: '/users/{userId}',
  tags: ['users'],
  summary: "A person's record: their own, or one in an officer's villages (audited)",
  security: [{ tma: [] }],
  middleware: [requireUser] as const,
  request: { params: z.object({ userId: z.uuid() }) },
  responses: {
    200: {
      description: 'Record',
      content: {
        'application/json': {
          schema: z.object({
            id: z.string(),
            displayName: z.string(),
            language: ZLanguage,
            populationStatus: ZPopulationStatus,
            villageId: z.number().nullable(),
            villageName: z.string().nullable(),
            createdAt: z.string(),
          }),
        },
      },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const userRoutes = new OpenAPIHono<AppEnv>().openapi(getUserRoute, async (c) => {
  const row = await getUserRecord({
    deps: c.get('services').deps,
    actor: c.get('actor'),
    userId: c.req.valid('param').userId,
  });
  return c.json({ ...row, createdAt: row.createdAt.toISOString() }, 200);
});
