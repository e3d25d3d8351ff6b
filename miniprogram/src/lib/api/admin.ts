// Administration calls (township-wide admins): villages, officers and invitations, settings, the
// audit log. Types follow the API's OpenAPI definitions.
import type { InferRequestType } from 'hono/client';
import { type Client, call, callBlob, callEmpty } from './client';

type Admin = Client['api']['admin'];

export const listAdminVillages = () => call((c) => c.api.admin.villages.$get());
export type AdminVillage = Awaited<ReturnType<typeof listAdminVillages>>['villages'][number];
export type VillageInput = InferRequestType<Admin['villages']['$post']>['json'];
export const createVillage = (json: VillageInput) => call((c) => c.api.admin.villages.$post({ json }));
export type VillageChanges = InferRequestType<Admin['villages'][':villageId']['$patch']>['json'];
export const updateVillage = (id: number, json: VillageChanges) =>
  call((c) => c.api.admin.villages[':villageId'].$patch({ param: { villageId: String(id) }, json }));

export const listOfficers = () => call((c) => c.api.admin.officers.$get());
export type OfficerList = Awaited<ReturnType<typeof listOfficers>>;
export type Officer = OfficerList['officers'][number];
export type InviteInput = InferRequestType<Admin['officers']['invites']['$post']>['json'];
export const createInvite = (json: InviteInput) => call((c) => c.api.admin.officers.invites.$post({ json }));
export const revokeInvite = (inviteId: string) =>
  callEmpty((c) => c.api.admin.officers.invites[':inviteId'].$delete({ param: { inviteId } }));
export type OfficerChange = InferRequestType<Admin['officers'][':userId']['$put']>['json'];
export const changeOfficer = (userId: string, json: OfficerChange) =>
  call((c) => c.api.admin.officers[':userId'].$put({ param: { userId }, json }));

export const getSettings = () => call((c) => c.api.admin.settings.$get());
export type Settings = Awaited<ReturnType<typeof getSettings>>;
export type SettingsInput = InferRequestType<Admin['settings']['$put']>['json'];
export const saveSettings = (json: SettingsInput) => callEmpty((c) => c.api.admin.settings.$put({ json }));

export type AuditQuery = InferRequestType<Admin['audit']['$get']>['query'];
export const listAudit = (query: AuditQuery) => call((c) => c.api.admin.audit.$get({ query }));
export type AuditEntry = Awaited<ReturnType<typeof listAudit>>['entries'][number];
export const exportAudit = (query: AuditQuery) => callBlob((c) => c.api.admin.audit.export.$get({ query }));
