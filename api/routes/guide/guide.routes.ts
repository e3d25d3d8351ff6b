// The service guide (公开栏): anyone signed in reads it in their language; publicity officers and
// admins edit it. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteGuidePage } from '../../../core/guide/delete-guide-page';
import { getGuidePage } from '../../../core/guide/get-guide-page';
import { guidePolicy } from '../../../core/guide/guide-policy';
import { ZGuidePageSchema, ZGuideSlug } from '../../../core/guide/guide-schema';
import { listGuidePages } from '../../../core/guide/list-guide-pages';
import { saveGuidePage } from '../../../core/guide/save-guide-page';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';
import { requireUser } from '../../middleware/auth';
import { signedIn } from '../../middleware/roles';
import { caller } from '../caller';
import { errorResponses, jsonResponse as json, ZLanguage } from '../schemas';

const auth = { security: [{ tma: [] }], middleware: [requireUser] };
const editor = signedIn(guidePolicy.edit);
const tags = ['guide'];
const ZSlugParam = z.object({ slug: ZGuideSlug });
const ZGuideText = z.object({ title: z.string(), body: z.string() });

const listRoute = createRoute({
  method: 'get',
  path: '/guide',
  tags,
  summary: 'Guide pages in my language (zh-CN where a page has no translation)',
  ...auth,
  responses: {
    200: json(
      z.object({
        pages: z.array(
          z.object({ slug: z.string(), title: z.string(), language: ZLanguage, updatedAt: z.string() }),
        ),
      }),
      'Pages',
    ),
    401: errorResponses[401],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/guide/{slug}',
  tags,
  summary: 'One page in my language, with every language (for the editor)',
  ...auth,
  request: { params: ZSlugParam },
  responses: {
    200: json(
      z
        .object({
          slug: z.string(),
          sort: z.number(),
          language: ZLanguage,
          title: z.string(),
          body: z.string(),
          content: z.object({
            'zh-CN': ZGuideText.optional(),
            'zh-TW': ZGuideText.optional(),
            en: ZGuideText.optional(),
          }),
          updatedAt: z.string(),
        })
        .openapi('GuidePage'),
      'Page',
    ),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/guide/{slug}',
  tags,
  summary: 'Create or replace a page (publicity officers, admins); audited',
  ...editor,
  request: {
    params: ZSlugParam,
    body: { content: { 'application/json': { schema: ZGuidePageSchema } }, required: true },
  },
  responses: {
    200: json(z.object({ slug: z.string() }), 'Saved'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/guide/{slug}',
  tags,
  summary: 'Remove a page (publicity officers, admins); audited',
  ...editor,
  request: { params: ZSlugParam },
  responses: {
    204: { description: 'Removed' },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const guideRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) =>
    c.json(await listGuidePages({ deps: c.get('services').deps, language: requestLanguage(c) }), 200),
  )
  .openapi(getRoute, async (c) =>
    c.json(
      await getGuidePage({
        deps: c.get('services').deps,
        slug: c.req.valid('param').slug,
        language: requestLanguage(c),
      }),
      200,
    ),
  )
  .openapi(putRoute, async (c) =>
    c.json(
      await saveGuidePage({
        ...caller(c),
        slug: c.req.valid('param').slug,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteGuidePage({
      ...caller(c),
      slug: c.req.valid('param').slug,
    });
    return c.body(null, 204);
  });
