// Tip-off calls of the officers' screens: the case handler's (queue, case, workflow, messages and
// notes, attachments, hand-over, link, reward proposal), the finance officer's (rewards, approvals,
// in-person claims, bank details, paid) and the admin's (reward tiers), and the charts. Types follow
// the API's OpenAPI definitions (docs/tipoffs.md); the reporter's calls live elsewhere.
import type { InferRequestType } from 'hono/client';
import { type Client, call, callBlob, callEmpty } from './client';

type Tips = Client['api']['tips'];
type OneTip = Tips[':tipId'];

// --- case handler ---------------------------------------------------------------------------------

export type QueueState = 'open' | 'closed' | 'all';
export const getTipQueue = (state: QueueState) => call((c) => c.api.tips.queue.$get({ query: { state } }));
export const openTip = (tipId: string) => call((c) => c.api.tips[':tipId'].$get({ param: { tipId } }));

export type TipActionBody = InferRequestType<OneTip['actions']['$post']>['json'];
export const actOnTip = (tipId: string, json: TipActionBody) =>
  call((c) => c.api.tips[':tipId'].actions.$post({ param: { tipId }, json }));

export const listTipOfficers = (tipId: string) =>
  call((c) => c.api.tips[':tipId'].officers.$get({ param: { tipId } }));
export type TipHandOverBody = InferRequestType<OneTip['handover']['$post']>['json'];
export const handOverTip = (tipId: string, json: TipHandOverBody) =>
  callEmpty((c) => c.api.tips[':tipId'].handover.$post({ param: { tipId }, json }));

export const linkTip = (tipId: string, number: number) =>
  call((c) => c.api.tips[':tipId'].link.$post({ param: { tipId }, json: { number } }));

/** internal: a note the reporter never sees; otherwise a message to the reporter. */
export const addHandlerMessage = (tipId: string, text: string, internal: boolean) =>
  call((c) => c.api.tips[':tipId'].messages.$post({ param: { tipId }, json: { text, internal } }));

/** An attachment's bytes (audited by the API). */
export const fetchTipAttachment = (tipId: string, attachmentId: string) =>
  callBlob((c) => c.api.tips[':tipId'].attachments[':attachmentId'].$get({ param: { tipId, attachmentId } }));

export const proposeReward = (tipId: string, amountYuan: number, note?: string) =>
  call((c) =>
    c.api.tips[':tipId'].reward.$post({ param: { tipId }, json: { amountYuan, ...(note ? { note } : {}) } }),
  );

export const getTipCharts = (months: number) =>
  call((c) => c.api.tips.charts.$get({ query: { months: String(months) } }));

// --- finance, admin -------------------------------------------------------------------------------

export const listRewards = () => call((c) => c.api.rewards.$get());
export const approveReward = (rewardId: string) =>
  call((c) => c.api.rewards[':rewardId'].approve.$post({ param: { rewardId } }));
export const declineReward = (rewardId: string, reason: string) =>
  call((c) => c.api.rewards[':rewardId'].decline.$post({ param: { rewardId }, json: { reason } }));
/** The receipt read from the reporter's QR (or typed): marks their approved reward claimed in person. */
export const claimRewardInPerson = (receipt: string) =>
  call((c) => c.api.rewards['claim-in-person'].$post({ json: { receipt } }));
/** Shown once on request; every read is in the audit log. */
export const readBankDetails = (rewardId: string) =>
  call((c) => c.api.rewards[':rewardId']['bank-details'].$get({ param: { rewardId } }));
export const markRewardPaid = (rewardId: string, reference: string) =>
  call((c) => c.api.rewards[':rewardId'].paid.$post({ param: { rewardId }, json: { reference } }));

/** The published table (public): what the admin edits, and each category's range for proposals. */
export const getRewardTable = () => call((c) => c.api.public.tips.categories.$get());
export const updateRewardTier = (category: TipCategory, minYuan: number, maxYuan: number) =>
  call((c) => c.api['reward-tiers'][':category'].$put({ param: { category }, json: { minYuan, maxYuan } }));

export type TipQueueItem = Awaited<ReturnType<typeof getTipQueue>>['items'][number];
export type HandlerTipView = Awaited<ReturnType<typeof openTip>>;
export type TipCategory = HandlerTipView['category'];
export type TipStatus = HandlerTipView['status'];
export type TipEvent = HandlerTipView['events'][number];
export type TipMessage = HandlerTipView['messages'][number];
export type TipAttachment = HandlerTipView['attachments'][number];
export type TipOfficer = Awaited<ReturnType<typeof listTipOfficers>>['officers'][number];
export type RewardItem = Awaited<ReturnType<typeof listRewards>>['items'][number];
export type RewardStatus = RewardItem['status'];
export type BankDetails = Awaited<ReturnType<typeof readBankDetails>>;
export type RewardTable = Awaited<ReturnType<typeof getRewardTable>>;
export type TipCharts = Awaited<ReturnType<typeof getTipCharts>>;
