// Messages on the JOBS queue. The queue consumer (api/queue.ts) dispatches on `type`.
import { z } from 'zod';

export const ZNotifyUserJob = z.object({
  type: z.literal('notify-user'),
  userId: z.uuid(),
  /** i18n key in the bot namespace, rendered in the recipient's language at send time. */
  messageKey: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export const ZJob = z.discriminatedUnion('type', [ZNotifyUserJob]);
export type TJob = z.infer<typeof ZJob>;

/** The subset of a Queue producer that core uses. */
export interface JobQueue {
  send(job: TJob): Promise<void>;
}
