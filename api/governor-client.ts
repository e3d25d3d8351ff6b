// The SendGovernor the Worker's services use: the BroadcastGovernor Durable Object over RPC when the
// GOVERNOR binding exists, else one in-process scheduler per isolate (Node, a single local Worker).
// Kept apart from the class itself, which imports cloudflare:workers and is loaded only by the entry.
import { localGovernor, type SendGovernor } from '../core/campaigns/governor';
import type { AcquireResult, SlotGrant, SlotReport } from '../core/campaigns/slot-scheduler';

/** The engine's SendGovernor over the Durable Object's RPC. */
export function durableObjectGovernor(namespace: DurableObjectNamespace): SendGovernor {
  // One stub per client (an invocation's services): the id is hashed once, not per call.
  let cached: GovernorStub | undefined;
  const stub = () => {
    cached ??= namespace.get(namespace.idFromName('global')) as unknown as GovernorStub;
    return cached;
  };
  return {
    acquire: (request) => stub().acquire(request),
    report: async (reports) => {
      if (reports.length > 0) await stub().report(reports);
    },
    replace: (request) => stub().replace(request.chatId, request.reports),
  };
}

interface GovernorStub {
  acquire(request: { chatIds: number[]; reports?: SlotReport[] }): Promise<AcquireResult>;
  report(reports: SlotReport[]): Promise<void>;
  replace(chatId: number, reports: SlotReport[]): Promise<SlotGrant | null>;
}

const processGovernors = new Map<number, SendGovernor>();

/** One scheduler per rate in this isolate: exact as long as a single process sends. */
export function processGovernor(ratePerSecond: number): SendGovernor {
  let governor = processGovernors.get(ratePerSecond);
  if (!governor) {
    governor = localGovernor({ ratePerSecond });
    processGovernors.set(ratePerSecond, governor);
  }
  return governor;
}
