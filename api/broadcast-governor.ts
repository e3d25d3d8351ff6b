// The broadcast governor as a Durable Object: ONE instance (idFromName('global')) hands out send
// slots to every consumer invocation, so the whole Worker keeps one Telegram rate. Its state is the
// SlotScheduler's, in memory: if the object restarts, it starts a fresh schedule (at worst a
// horizon's worth of slots overlaps, well under a second at the configured rate).
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import {
  type AcquireResult,
  type SlotGrant,
  type SlotReport,
  SlotScheduler,
} from '../core/campaigns/slot-scheduler';

const ZGovernorEnv = z.object({
  BROADCAST_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
});

export class BroadcastGovernor extends DurableObject {
  private readonly scheduler: SlotScheduler;

  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    const { BROADCAST_RATE_PER_SECOND } = ZGovernorEnv.parse(env);
    this.scheduler = new SlotScheduler({ ratePerSecond: BROADCAST_RATE_PER_SECOND });
  }

  acquire(request: { chatIds: number[]; reports?: SlotReport[] }): AcquireResult {
    return this.scheduler.acquire(request.chatIds, Date.now(), request.reports ?? []);
  }

  report(reports: SlotReport[]): void {
    this.scheduler.report(reports, Date.now());
  }

  replace(chatId: number, reports: SlotReport[]): SlotGrant | null {
    return this.scheduler.replace(chatId, Date.now(), reports);
  }

  rate(): number {
    return this.scheduler.ratePerSecond;
  }
}
