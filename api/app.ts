import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { AppError } from '../core/errors';
import type { AppEnv } from './context';
import { errorBody, onError } from './errors';
import { services } from './middleware/services';
import { miniApp } from './routes/app/mini-app';
import { devLogin } from './routes/dev/dev-login';
import { healthRoutes } from './routes/health/health.routes';
import { meRoutes } from './routes/me/me.routes';
import { telegramWebhook } from './routes/telegram/webhook';
import { userRoutes } from './routes/users/users.routes';
import { villageRoutes } from './routes/villages/villages.routes';
import type { ServiceOptions } from './services';

/** Builds the HTTP app. Tests call it with an injected clock/ids/db; the Worker entry with defaults. */
export function createApp(options: ServiceOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({
    // One 400 shape for every invalid body, query or param, with the field paths.
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation_failed', {
          fields: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
    },
  });
  app.use(requestId({ headerName: 'X-Request-Id', generator: () => crypto.randomUUID() }));
  app.use(services(options));
  app.onError(onError);
  app.notFound((c) => c.json(errorBody(c, 'route_not_found'), 404));

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
    .route('/api', meRoutes)
    .route('/api', villageRoutes)
    .route('/api', userRoutes)
    .route('/', telegramWebhook)
    .route('/', devLogin)
    .route('/', miniApp);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
