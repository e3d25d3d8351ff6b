import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ZIdString } from '../../../core/schema-primitives';
import { getVillageSummary } from '../../../core/villages/get-village-summary';
import { listVillages } from '../../../core/villages/list-villages';
import { villagePolicy } from '../../../core/villages/village-policy';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { signedIn } from '../../middleware/roles';
import { errorResponses } from '../schemas';

const ZVillage = z.object({ id: z.number(), code: z.string(), name: z.string() }).openapi('Village');

const listRoute = createRoute({
  method: 'get',
  path: '/villages',
  tags: ['villages'],
  summary: 'All villages and communities of the township',
  security: [{ tma: [] }],
  middleware: [requireUser] as const,
  responses: {
    200: {
      description: 'Villages',
      content: { 'application/json': { schema: z.object({ villages: z.array(ZVillage) }) } },
    },
    401: errorResponses[401],
  },
});

const summaryRoute = createRoute({
  method: 'get',
  path: '/villages/{villageId}/summary',
  tags: ['villages'],
  summary: 'Head counts by population status (officers in scope)',
  ...signedIn(villagePolicy.readSummary),
  request: { params: z.object({ villageId: ZIdString }) },
  responses: {
    200: {
      description: 'Summary',
      content: {
        'application/json': {
          schema: z.object({
            village: ZVillage,
            counts: z.object({ resident: z.number(), moved_away: z.number(), newcomer: z.number() }),
          }),
        },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const villageRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json({ villages: await listVillages({ deps: c.get('services').deps }) }, 200),
  )
  .openapi(summaryRoute, async (c) => {
    const { villageId } = c.req.valid('param');
    return c.json(
      await getVillageSummary({ deps: c.get('services').deps, actor: c.get('actor'), villageId }),
      200,
    );
  });
