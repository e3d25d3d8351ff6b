// Public, unauthenticated settings the mini app needs before anyone signs in (launch screen).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { runtimeSettings } from '../../../core/settings/runtime-settings';
import type { AppEnv } from '../../context';

export const ZPublicConfig = z
  .object({
    appEnv: z.enum(['development', 'test', 'production']),
    botUsername: z.string(),
    /** What the office publishes (公开栏): the certificate's time limit, validity and the upload cap. */
    certificates: z.object({
      deadlineWorkingDays: z.number(),
      validityYears: z.number(),
      maxUploadMb: z.number(),
    }),
  })
  .openapi('PublicConfig');

const getConfigRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: ['config'],
  summary: 'Environment, bot username and the published certificate terms (no secrets)',
  responses: {
    200: { description: 'Public settings', content: { 'application/json': { schema: ZPublicConfig } } },
  },
});

export const configRoutes = new OpenAPIHono<AppEnv>().openapi(getConfigRoute, async (c) => {
  const { config, deps } = c.get('services');
  const settings = (await runtimeSettings(deps)).certificates;
  return c.json(
    {
      appEnv: config.APP_ENV,
      botUsername: config.TELEGRAM_BOT_USERNAME,
      certificates: {
        deadlineWorkingDays: settings.deadlineWorkingDays,
        validityYears: deps.config.certificates.validityYears,
        maxUploadMb: config.MAX_UPLOAD_MB,
      },
    },
    200,
  );
});
