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

/** Outcomes are sent to the governor in groups of this many, or after this long at the latest. */
const REPORT_EVERY = 20;
const REPORT_AFTER_MS = 50;

/**
 * Collects the outcomes of the batches that share this governor client (the send jobs of one queue
 * invocation) and passes them on within REPORT_AFTER_MS, a few at a time: until it knows when a send
 * was answered, the governor counts that send as still arriving, which holds back later slots. One
 * batcher per client: every job's outcomes ride in the same call, not one call per job every 50 ms.
 * Reports are advice: one that cannot be delivered is dropped (the governor stops counting an
 * unreported slot after a while).
 */
export function reportBatcher(governor: SendGovernor): ReportBatcher {
  let batcher = batchers.get(governor);
  if (!batcher) {
    batcher = newReportBatcher(governor);
    batchers.set(governor, batcher);
  }
  return batcher;
}

export interface ReportBatcher {
  add(report: SlotReport): void;
  /** The reports not yet passed on, to ride along with the next acquire. */
  take(): SlotReport[];
  /** Passes on the rest (end of a batch; the others' reports go with it). */
  close(): Promise<void>;
}

const batchers = new WeakMap<SendGovernor, ReportBatcher>();

function newReportBatcher(governor: SendGovernor): ReportBatcher {
  const reports: SlotReport[] = [];
  let reporting: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (reporting || reports.length === 0) return;
    reporting = governor
      .report(reports.splice(0))
      .catch(() => {})
      .finally(() => {
        reporting = undefined;
        if (reports.length > 0 && timer === undefined) timer = setTimeout(flush, 0);
      });
  };
  return {
    add(report: SlotReport) {
      reports.push(report);
      if (reports.length >= REPORT_EVERY) flush();
      else timer ??= setTimeout(flush, REPORT_AFTER_MS);
    },
    take: (): SlotReport[] => reports.splice(0),
    async close() {
      await reporting;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (reports.length > 0) await governor.report(reports.splice(0)).catch(() => {});
    },
  };
}
