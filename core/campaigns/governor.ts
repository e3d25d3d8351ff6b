// The port through which the delivery engine asks for send slots. In the Worker it is a Durable
// Object (one instance for the whole bot, so every consumer invocation shares one rate); in Node
// tests and the benchmark it is the same SlotScheduler in-process.
import {
  type AcquireResult,
  type SlotGrant,
  type SlotReport,
  SlotScheduler,
  type SlotSchedulerOptions,
} from './slot-scheduler';

export interface SendGovernor {
  /** Slots for (a prefix of) these chats, after taking the given outcomes into account. */
  acquire(request: { chatIds: number[]; reports?: SlotReport[] }): Promise<AcquireResult>;
  /** Outcomes only (at the end of a batch). */
  report(reports: SlotReport[]): Promise<void>;
  /** After a refused message: a slot right now for another chat, if the window allows (else null). */
  replace(request: { chatId: number; reports: SlotReport[] }): Promise<SlotGrant | null>;
}

/** A governor in this process: exact for one process (tests, benchmark, a single local Worker). */
export function localGovernor(
  options: SlotSchedulerOptions & { now?: () => number },
): SendGovernor & { scheduler: SlotScheduler } {
  const scheduler = new SlotScheduler(options);
  const now = options.now ?? Date.now;
  return {
    scheduler,
    async acquire(request) {
      return scheduler.acquire(request.chatIds, now(), request.reports ?? []);
    },
    async report(reports) {
      scheduler.report(reports, now());
    },
    async replace(request) {
      return scheduler.replace(request.chatId, now(), request.reports);
    },
  };
}
