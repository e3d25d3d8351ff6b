// Administration (township-wide admins): villages, officers and their invitations, run-time
// settings, the audit log. Thin: parse, call one use case, answer.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditPolicy } from '../../../core/audit/audit-policy';
import { ZAuditFilterSchema } from '../../../core/audit/audit-schema';
import { exportAuditLog } from '../../../core/audit/export-audit-log';
import { listAuditLog } from '../../../core/audit/list-audit-log';
import { changeOfficer } from '../../../core/officers/change-officer';
import { createOfficerInvite } from '../../../core/officers/create-officer-invite';
import { listOfficers } from '../../../core/officers/list-officers';
import { officerPolicy } from '../../../core/officers/officer-policy';
import { ZChangeOfficerSchema, ZCreateInviteSchema } from '../../../core/officers/officer-schema';
import { revokeOfficerInvite } from '../../../core/officers/revoke-officer-invite';
import { ZIdString } from '../../../core/schema-primitives';
import { getSettings } from '../../../core/settings/get-settings';
import { settingsPolicy } from '../../../core/settings/settings-policy';
import {
  NUMBER_SETTING_KEYS,
  type NumberSettingKey,
  ZUpdateSettingsSchema,
} from '../../../core/settings/settings-schema';
import { updateSettings } from '../../../core/settings/update-settings';
import { createVillage } from '../../../core/villages/create-village';
import { listVillagesForAdmin } from '../../../core/villages/list-villages-for-admin';
import { updateVillage } from '../../../core/villages/update-village';
import { villagePolicy } from '../../../core/villages/village-policy';
import { ZCreateVillageSchema, ZUpdateVillageSchema } from '../../../core/villages/village-schema';
import type { AppEnv } from '../../context';
import { signedIn } from '../../middleware/roles';
import { caller } from '../caller';
import { actionErrors, errorResponses, jsonResponse as json, jsonBody, ZRoleGrant } from '../schemas';

const tags = ['admin'];
const villageAdmin = signedIn(villagePolicy.manage);
const officerAdmin = signedIn(officerPolicy.manage);
const settingsAdmin = signedIn(settingsPolicy.update);
const auditAdmin = signedIn(auditPolicy.read);

const ZAdminVillage = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    active: z.boolean(),
    posterText: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminVillage');

const listVillagesRoute = createRoute({
  method: 'get',
  path: '/admin/villages',
  tags,
  summary: 'Every village, deactivated ones too',
  ...villageAdmin,
  responses: {
    200: json(z.object({ villages: z.array(ZAdminVillage) }), 'Villages'),
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const createVillageRoute = createRoute({
  method: 'post',
  path: '/admin/villages',
  tags,
  summary: 'Add a village/community with its deep-link code; audited',
  ...villageAdmin,
  request: jsonBody(ZCreateVillageSchema),
  responses: {
    201: json(z.object({ id: z.number() }), 'Added'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const updateVillageRoute = createRoute({
  method: 'patch',
  path: '/admin/villages/{villageId}',
  tags,
  summary: 'Rename, change the code or the poster text, deactivate or reactivate; audited',
  ...villageAdmin,
  request: { params: z.object({ villageId: ZIdString }), ...jsonBody(ZUpdateVillageSchema) },
  responses: {
    200: json(z.object({ id: z.number() }), 'Saved'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const ZInvite = z.object({
  id: z.string(),
  label: z.string(),
  roles: z.array(ZRoleGrant.shape.role),
  villageIds: z.array(z.number()).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

const listOfficersRoute = createRoute({
  method: 'get',
  path: '/admin/officers',
  tags,
  summary: 'Officers with roles, scope and open work owned (per kind); invitations not yet accepted',
  ...signedIn(officerPolicy.read),
  responses: {
    200: json(
      z.object({
        officers: z.array(
          z.object({
            userId: z.string(),
            displayName: z.string(),
            roles: z.array(ZRoleGrant),
            ownedOpen: z.number(),
            owned: z.object({ application: z.number(), tip: z.number(), service_item: z.number() }),
          }),
        ),
        invites: z.array(ZInvite),
      }),
      'Officers',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const createInviteRoute = createRoute({
  method: 'post',
  path: '/admin/officers/invites',
  tags,
  summary: 'A one-time invitation link the bot delivers (shown once); audited',
  ...officerAdmin,
  request: jsonBody(ZCreateInviteSchema),
  responses: {
    201: json(z.object({ id: z.string(), link: z.string(), expiresAt: z.string() }), 'Invitation'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const revokeInviteRoute = createRoute({
  method: 'delete',
  path: '/admin/officers/invites/{inviteId}',
  tags,
  summary: 'Withdraw an invitation nobody has accepted; audited',
  ...officerAdmin,
  request: { params: z.object({ inviteId: z.uuid() }) },
  responses: {
    204: { description: 'Withdrawn' },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const changeOfficerRoute = createRoute({
  method: 'put',
  path: '/admin/officers/{userId}',
  tags,
  summary: "Change an officer's roles and scope, or remove them (no roles); owned work is handed over first",
  ...officerAdmin,
  request: { params: z.object({ userId: z.uuid() }), ...jsonBody(ZChangeOfficerSchema) },
  responses: {
    200: json(z.object({ handedOver: z.number() }), 'Changed'),
    ...actionErrors,
  },
});

const ZCalendar = z.object({
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  completeYears: z.array(z.number()),
});
const ZOffsets = z.object({ before: z.array(z.number()), after: z.array(z.number()) });
const ZSettingNumbers = z.object({
  ...(Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, z.number()])) as Record<
    NumberSettingKey,
    z.ZodNumber
  >),
  serviceFileReminderOffsets: ZOffsets,
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/admin/settings',
  tags,
  summary: 'Run-time settings: stored values, env defaults, the calendar coverage',
  ...signedIn(settingsPolicy.read),
  responses: {
    200: json(
      z.object({
        stored: z.object({
          ...(Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, z.number().nullable()])) as Record<
            NumberSettingKey,
            z.ZodNullable<z.ZodNumber>
          >),
          serviceFileReminderOffsets: ZOffsets.nullable(),
          calendar: ZCalendar.nullable(),
        }),
        defaults: ZSettingNumbers,
        effective: ZSettingNumbers,
        calendar: z.object({ sourceYears: z.array(z.number()), missingYear: z.number().nullable() }),
      }),
      'Settings',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/admin/settings',
  tags,
  summary: 'Change settings (null: back to the default); effective on the next request; audited',
  ...settingsAdmin,
  request: jsonBody(ZUpdateSettingsSchema),
  responses: {
    204: { description: 'Saved' },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});

const listAuditRoute = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags,
  summary: 'The audit log, filtered by officer, action, record and date range; newest first',
  ...auditAdmin,
  request: { query: ZAuditFilterSchema },
  responses: {
    200: json(z.object({ entries: z.array(ZAuditEntry), nextBefore: z.number().nullable() }), 'Entries'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const exportAuditRoute = createRoute({
  method: 'get',
  path: '/admin/audit/export',
  tags,
  summary: 'The filtered audit log as CSV; the export is audited',
  ...signedIn(auditPolicy.export),
  request: { query: ZAuditFilterSchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const iso = (d: Date) => d.toISOString();

export const adminRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listVillagesRoute, async (c) => {
    const rows = await listVillagesForAdmin(caller(c));
    return c.json({ villages: rows.map((v) => ({ ...v, updatedAt: iso(v.updatedAt) })) }, 200);
  })
  .openapi(createVillageRoute, async (c) =>
    c.json(await createVillage({ ...caller(c), input: c.req.valid('json') }), 201),
  )
  .openapi(updateVillageRoute, async (c) =>
    c.json(
      await updateVillage({
        ...caller(c),
        villageId: c.req.valid('param').villageId,
        input: c.req.valid('json'),
      }),
      200,
    ),
  )
  .openapi(listOfficersRoute, async (c) => {
    const { officers, invites } = await listOfficers(caller(c));
    return c.json(
      {
        officers,
        invites: invites.map((i) => ({ ...i, createdAt: iso(i.createdAt), expiresAt: iso(i.expiresAt) })),
      },
      200,
    );
  })
  .openapi(createInviteRoute, async (c) => {
    const invite = await createOfficerInvite({ ...caller(c), input: c.req.valid('json') });
    const bot = c.get('services').config.TELEGRAM_BOT_USERNAME;
    const link = `https://t.me/${encodeURIComponent(bot)}?start=inv_${invite.token}`;
    return c.json({ id: invite.id, link, expiresAt: iso(invite.expiresAt) }, 201);
  })
  .openapi(revokeInviteRoute, async (c) => {
    await revokeOfficerInvite({ ...caller(c), inviteId: c.req.valid('param').inviteId });
    return c.body(null, 204);
  })
  .openapi(changeOfficerRoute, async (c) =>
    c.json(
      await changeOfficer({ ...caller(c), userId: c.req.valid('param').userId, input: c.req.valid('json') }),
      200,
    ),
  )
  .openapi(getSettingsRoute, async (c) => c.json(await getSettings(caller(c)), 200))
  .openapi(putSettingsRoute, async (c) => {
    await updateSettings({ ...caller(c), input: c.req.valid('json') });
    return c.body(null, 204);
  })
  .openapi(listAuditRoute, async (c) => {
    const page = await listAuditLog({ ...caller(c), filter: c.req.valid('query') });
    return c.json({ ...page, entries: page.entries.map((e) => ({ ...e, at: iso(e.at) })) }, 200);
  })
  .openapi(exportAuditRoute, async (c) => {
    const { csv } = await exportAuditLog({ ...caller(c), filter: c.req.valid('query') });
    const day = c.get('services').deps.clock.now().toISOString().slice(0, 10);
    c.header('Content-Disposition', `attachment; filename="audit-log-${day}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
