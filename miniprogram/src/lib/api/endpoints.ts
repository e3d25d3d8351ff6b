// The calls pages make, one function each, so a page reads `await getMe()` and the types follow
// the API's OpenAPI definitions. Later features add theirs here or in their own file.
import type { InferRequestType } from 'hono/client';
import { type Client, call, callEmpty } from './client';

export const getConfig = () => call((c) => c.api.config.$get());
export const getMe = () => call((c) => c.api.me.$get());
export type UpdateMeBody = InferRequestType<Client['api']['me']['$patch']>['json'];
export const updateMe = (json: UpdateMeBody) => call((c) => c.api.me.$patch({ json }));

export type PublicConfig = Awaited<ReturnType<typeof getConfig>>;
export type Me = Awaited<ReturnType<typeof getMe>>;
export type RoleGrant = Me['roles'][number];
export type Village = Awaited<ReturnType<typeof fetchVillages>>['villages'][number];

const fetchVillages = () => call((c) => c.api.villages.$get());
let villages: Promise<Village[]> | undefined;

/** Villages change rarely: fetched once per app session, refetched after a failure. */
export function getVillages(): Promise<Village[]> {
  villages ??= fetchVillages().then((r) => r.villages);
  villages.catch(() => {
    villages = undefined;
  });
  return villages;
}

/** The desk session (signed in at a computer through the bot's one-time link), or an ApiError. */
export const getDeskSession = () => call((c) => c.api.desk.session.$get());
export const deskSignOut = () => callEmpty((c) => c.api.desk['sign-out'].$post());
