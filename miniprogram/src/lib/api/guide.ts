// Service guide (公开栏) calls: everyone reads the pages in their language; publicity officers and
// admins write them.
import type { InferRequestType } from 'hono/client';
import { type Client, call, callEmpty } from './client';

type Guide = Client['api']['guide'];

export const listGuidePages = () => call((c) => c.api.guide.$get());
export const getGuidePage = (slug: string) => call((c) => c.api.guide[':slug'].$get({ param: { slug } }));
export type GuidePageInput = InferRequestType<Guide[':slug']['$put']>['json'];
export const saveGuidePage = (slug: string, json: GuidePageInput) =>
  call((c) => c.api.guide[':slug'].$put({ param: { slug }, json }));
export const deleteGuidePage = (slug: string) =>
  callEmpty((c) => c.api.guide[':slug'].$delete({ param: { slug } }));

export type GuideListItem = Awaited<ReturnType<typeof listGuidePages>>['pages'][number];
export type GuidePage = Awaited<ReturnType<typeof getGuidePage>>;
