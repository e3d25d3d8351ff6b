import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getProfile } from '../../../core/users/get-profile';
import { updatePreferences, ZUpdatePreferencesSchema } from '../../../core/users/update-preferences';
import type { AppEnv } from '../../context';
import { requireUser } from '../../middleware/auth';
import { errorResponses, ZLanguage, ZPopulationStatus, ZRoleGrant } from '../schemas';

export const ZMeResponse = z
  .object({
    user: z.object({
      id: z.string(),
      telegramId: z.number(),
      displayName: z.string(),
      language: ZLanguage,
      populationStatus: ZPopulationStatus,
      villageId: z.number().nullable(),
      villageName: z.string().nullable(),
    }),
    roles: z.array(ZRoleGrant),
    /** From the policies: which officer pages to offer, and the villages their filters list. */
    capabilities: z.object({
      review: z.object({ allowed: z.boolean(), villageIds: z.array(z.number()).nullable() }),
      campaigns: z.object({
        read: z.boolean(),
        compose: z.boolean(),
        composeVillageIds: z.array(z.number()).nullable(),
      }),
      guide: z.object({ edit: z.boolean() }),
      tipoffs: z.object({
        handle: z.boolean(),
        rewards: z.boolean(),
        claimInPerson: z.boolean(),
        editTiers: z.boolean(),
        charts: z.boolean(),
      }),
      admin: z.object({ allowed: z.boolean() }),
    }),
    /** For officers: the year (this one or one starting within 60 days) without a holiday calendar. */
    notices: z.object({ calendarMissingYear: z.number().nullable() }),
  })
  .openapi('Me');

const getMeRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['me'],
  summary: 'The signed-in person, their language and roles',
  security: [{ tma: [] }],
  middleware: [requireUser] as const,
  responses: {
    200: { description: 'Profile', content: { 'application/json': { schema: ZMeResponse } } },
    401: errorResponses[401],
  },
});

const patchMeRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['me'],
  summary: 'Change my language or village',
  security: [{ tma: [] }],
  middleware: [requireUser] as const,
  request: {
    body: { content: { 'application/json': { schema: ZUpdatePreferencesSchema } }, required: true },
  },
  responses: {
    200: { description: 'Updated profile', content: { 'application/json': { schema: ZMeResponse } } },
    400: errorResponses[400],
    401: errorResponses[401],
  },
});

export const meRoutes = new OpenAPIHono<AppEnv>()
  .openapi(getMeRoute, async (c) => {
    const profile = await getProfile({ deps: c.get('services').deps, actor: c.get('actor') });
    return c.json(profile, 200);
  })
  .openapi(patchMeRoute, async (c) => {
    const { deps } = c.get('services');
    const actor = c.get('actor');
    await updatePreferences({ deps, actor, input: c.req.valid('json') });
    return c.json(await getProfile({ deps, actor }), 200);
  });
