import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { AppError } from '../core/errors';
import { issuesToFields } from '../core/validation';
import type { AppEnv } from './context';
import { errorBody, onError } from './errors';
import { assertSafeInput, inputGuard } from './middleware/input-guard';
import { miniAppHeaders, securityHeaders, serverPageHeaders } from './middleware/secure-headers';
import { services } from './middleware/services';
import { applyRateLimits } from './rate-limits';
import { adminRoutes } from './routes/admin/admin.routes';
import { miniApp } from './routes/app/mini-app';
import { campaignRoutes } from './routes/campaigns/campaigns.routes';
import { clickRedirect } from './routes/campaigns/click-redirect';
import { residentCampaignRoutes } from './routes/campaigns/resident-campaigns.routes';
import { certificateRoutes } from './routes/certificates/certificates.routes';
import { configRoutes } from './routes/config/config.routes';
import { deskRoutes } from './routes/desk/desk.routes';
import { deskSignIn } from './routes/desk/desk-sign-in';
import { devLogin } from './routes/dev/dev-login';
import { guideRoutes } from './routes/guide/guide.routes';
import { healthRoutes } from './routes/health/health.routes';
import { meRoutes } from './routes/me/me.routes';
import { reportPage } from './routes/report/report-page';
import { reviewRoutes } from './routes/review/review.routes';
import { serviceFileRoutes } from './routes/service-file/service-file.routes';
import { telegramWebhook } from './routes/telegram/webhook';
import { publicTipRoutes } from './routes/tipoffs/public-tips.routes';
import { rewardRoutes } from './routes/tipoffs/rewards.routes';
import { tipRoutes } from './routes/tipoffs/tips.routes';
import { userRoutes } from './routes/users/users.routes';
import { verifyPage } from './routes/verify/verify-page';
import { villageRoutes } from './routes/villages/villages.routes';
import type { ServiceOptions } from './services';

/** Builds the HTTP app. Tests call it with an injected clock/ids/db; the Worker entry with defaults. */
export function createApp(options: ServiceOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({
    // One 400 shape for every invalid body, query or param, with the field paths.
    // What a schema produced meets the edge guard's rules too (coerced numbers, multipart fields).
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation_failed', { fields: issuesToFields(result.error.issues) });
      }
      assertSafeInput(result.data);
    },
  });
  app.use(requestId({ headerName: 'X-Request-Id', generator: () => crypto.randomUUID() }));
  // Outermost after the request id: its headers land on every response, errors included; the
  // page-specific policies below are set first and kept.
  app.use(securityHeaders);
  app.use('/verify/*', serverPageHeaders);
  app.use('/report', serverPageHeaders);
  app.use('/dev/*', serverPageHeaders);
  app.use('/desk/*', serverPageHeaders);
  app.use('/app/*', miniAppHeaders);
  app.use(services(options));
  app.use(inputGuard);
  app.onError(onError);
  app.notFound((c) => c.json(errorBody(c, 'route_not_found'), 404));
  applyRateLimits(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'tma', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'tma <initDataRaw> — the Telegram Mini App launch data, validated with the bot token',
  });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'Township population services API', version: '0.1.0' },
  });

  const routes = app
    .route('/', healthRoutes)
    .route('/api', configRoutes)
    .route('/api', meRoutes)
    .route('/api', villageRoutes)
    .route('/api', userRoutes)
    .route('/api', certificateRoutes)
    .route('/api', reviewRoutes)
    .route('/api', serviceFileRoutes)
    // Residents' routes first: /campaigns/published must not be read as /campaigns/{campaignId}.
    .route('/api', residentCampaignRoutes)
    .route('/api', campaignRoutes)
    .route('/api', guideRoutes)
    .route('/api', deskRoutes)
    .route('/api', publicTipRoutes)
    .route('/api', tipRoutes)
    .route('/api', rewardRoutes)
    .route('/api', adminRoutes)
    .route('/', clickRedirect)
    .route('/', verifyPage)
    .route('/', reportPage)
    .route('/', telegramWebhook)
    .route('/', deskSignIn)
    .route('/', devLogin)
    .route('/', miniApp);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
