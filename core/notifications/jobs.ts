// Messages on the JOBS queue. The queue consumer (api/queue.ts) dispatches on `type`.
import { z } from 'zod';

/** Render the issued certificate's PDF, keep it in R2 and send it to the holder as a document. */
export const ZDeliverCertificateJob = z.object({
  type: z.literal('deliver-certificate'),
  certificateId: z.uuid(),
  /** The message announcing it: the PDF is sent as the reply to it. */
  replyToMessageId: z.number().int().positive().optional(),
});

export const ZNotifyUserJob = z.object({
  type: z.literal('notify-user'),
  userId: z.uuid(),
  /** i18n key (namespace:key or a key of the bot namespace), rendered in the recipient's language at send time. */
  messageKey: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** Optional button under the message that opens a mini app page (path below /app/). */
  button: z.object({ textKey: z.string().min(1), path: z.string() }).optional(),
  /**
   * Queued only once this message was sent, carrying its message id: what the message announces (the
   * certificate's PDF) never arrives before it.
   */
  followUp: ZDeliverCertificateJob.optional(),
});

/** Insert the next chunk of a campaign's recipients into the delivery outbox and enqueue their sends. */
export const ZCampaignMaterializeJob = z.object({
  type: z.literal('campaign-materialize'),
  campaignId: z.uuid(),
});

/** Send a campaign to these deliveries (ids of campaign_deliveries), paced by the broadcast governor. */
export const ZCampaignSendJob = z.object({
  type: z.literal('campaign-send'),
  campaignId: z.uuid(),
  deliveryIds: z.array(z.number().int().positive()).min(1).max(100),
});

/**
 * A message to a tip-off's reporter who opted in to chat notifications. It carries only the id of
 * the opt-in link row (tip_notification_links): the chat id is read by the consumer, so no queue
 * payload ever holds a chat id next to a tip. deleteAfter: the closing notice removes the link.
 */
export const ZTipNotifyJob = z.object({
  type: z.literal('tip-notify'),
  linkId: z.uuid(),
  messageKey: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  deleteAfter: z.boolean().default(false),
});

export const ZJob = z.discriminatedUnion('type', [
  ZTipNotifyJob,
  ZNotifyUserJob,
  ZDeliverCertificateJob,
  ZCampaignMaterializeJob,
  ZCampaignSendJob,
]);
export type TJob = z.infer<typeof ZJob>;
export type TNotifyUserJob = z.infer<typeof ZNotifyUserJob>;
export type TDeliverCertificateJob = z.infer<typeof ZDeliverCertificateJob>;
export type TTipNotifyJob = z.infer<typeof ZTipNotifyJob>;
export type TCampaignSendJob = z.infer<typeof ZCampaignSendJob>;

/** The subset of a Queue producer that core uses (a Cloudflare Queue binding satisfies it). */
export interface JobQueue {
  send(job: TJob, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: TJob; delaySeconds?: number }>): Promise<unknown>;
}
