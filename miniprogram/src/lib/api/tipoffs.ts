// Tip-off calls of the reporter (docs/tipoffs.md): the mini app and the login-free /report page share
// the public routes, which go without the Telegram credential (the receipt is the only key). Only the
// mini app's own submit (it may link the chat for notifications) and the notification switch are signed.
import type {
  RewardStatus,
  TipCategory,
  TipStatus,
  TRewardClaim,
  TSubmitTip,
} from '../../../../core/tipoffs/tipoff-schema';
import { callPath } from './client';

export interface TipCategoryInfo {
  category: TipCategory;
  minYuan: number;
  maxYuan: number;
}

export interface TipCategories {
  categories: TipCategoryInfo[];
  secondApprovalYuan: number;
  claimWorkingDays: number;
  retentionDays: number;
}

export interface SubmittedTip {
  receipt: string;
  receiptFormatted: string;
  number: number;
  day: string;
  category: TipCategory;
  signedReceipt: string;
  notify?: boolean;
}

export interface ReporterTipView {
  number: number;
  day: string;
  category: TipCategory;
  status: TipStatus;
  content: {
    villageId: number | null;
    villageName: string | null;
    place: string | null;
    what: string;
    period: string;
    provider: string | null;
  } | null;
  events: { type: string; day: string; note: string | null }[];
  messages: { id: string; from: 'reporter' | 'handler'; day: string; text: string }[];
  attachments: { id: string; contentType: string; keptMetadata: boolean; day: string }[];
  closingSummary: string | null;
  reward: {
    status: RewardStatus;
    amountYuan: number;
    claimDeadline: string | null;
    claimMethod: 'in_person' | 'bank_transfer' | null;
  } | null;
  canAttach: boolean;
  canWrite: boolean;
  canClaim: boolean;
  signedReceipt: string;
}

const BASE = '/api/public/tips';

export const getTipCategories = () => callPath<TipCategories>('GET', `${BASE}/categories`);

/** The web page's submit: nothing but the form. */
export const submitTipFromWeb = (tip: TSubmitTip) => callPath<SubmittedTip>('POST', BASE, { json: tip });

/** The mini app's submit: signed, so that `notify` can link this chat (and nothing else) to the tip. */
export const submitTipFromMiniApp = (tip: TSubmitTip, notify: boolean) =>
  callPath<SubmittedTip>('POST', '/api/tips', { json: { tip, notify }, signed: true });

export const lookupTip = (receipt: string) =>
  callPath<ReporterTipView>('POST', `${BASE}/lookup`, { json: { receipt } });

export const sendReporterMessage = (receipt: string, text: string) =>
  callPath<{ id: string }>('POST', `${BASE}/messages`, { json: { receipt, text } });

export function uploadReporterAttachment(receipt: string, file: File, keepMetadata: boolean) {
  const form = new FormData();
  form.set('receipt', receipt);
  form.set('keepMetadata', keepMetadata ? 'true' : 'false');
  form.set('file', file);
  return callPath<{ id: string; contentType: string; sizeBytes: number; keptMetadata: boolean }>(
    'POST',
    `${BASE}/attachments`,
    { form },
  );
}

export const claimTipReward = (claim: TRewardClaim) =>
  callPath<{ status: RewardStatus; method: string }>('POST', `${BASE}/reward/claim`, { json: claim });

/** Mini app only: this chat gets the report's progress until it closes (or until switched off). */
export const setTipNotifications = (receipt: string, enabled: boolean) =>
  callPath<{ enabled: boolean }>('PUT', '/api/tips/notifications', {
    json: { receipt, enabled },
    signed: true,
  });

/** Mini app only: whether this chat gets the report's progress now (the switch shows it as it is). */
export const getTipNotifications = (receipt: string) =>
  callPath<{ enabled: boolean }>('POST', '/api/tips/notifications/state', {
    json: { receipt },
    signed: true,
  });
