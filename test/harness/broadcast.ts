// A Cloudflare Queue in-process, for the broadcast engine's Node tests and the benchmark: messages
// with delays, several consumers at once, at-least-once delivery (a job that throws is retried with
// backoff, and goes to the dead-letter list after maxRetries), like the real queue's contract.
import type { JobQueue, TJob } from '../../core/notifications/jobs';

interface Entry {
  body: TJob;
  visibleAt: number;
  attempts: number;
}

export interface QueueSimulator extends JobQueue {
  /** Messages not yet consumed (waiting or delayed). */
  readonly pending: Entry[];
  readonly deadLetters: TJob[];
  /** Every message ever sent, in order (for assertions). */
  readonly sent: TJob[];
  /**
   * Consumes until the queue is empty and nothing runs, or `until()` says stop. `consume` is the
   * consumer (runJob with the services of one invocation); up to `concurrency` jobs run at once.
   */
  drain(options: {
    consume: (job: TJob) => Promise<void>;
    concurrency?: number;
    maxRetries?: number;
    until?: () => boolean | Promise<boolean>;
    /** Called while idle between polls (e.g. the cron's sweeper). */
    onIdle?: () => Promise<void>;
    timeoutMs?: number;
  }): Promise<void>;
}

export function queueSimulator(options: { record?: boolean } = {}): QueueSimulator {
  const pending: Entry[] = [];
  const deadLetters: TJob[] = [];
  const sent: TJob[] = [];
  const push = (body: TJob, delaySeconds = 0) => {
    if (options.record !== false) sent.push(body);
    pending.push({ body: structuredClone(body), visibleAt: Date.now() + delaySeconds * 1000, attempts: 0 });
  };
  return {
    pending,
    deadLetters,
    sent,
    async send(body, o) {
      push(body, o?.delaySeconds);
    },
    async sendBatch(messages) {
      for (const m of messages) push(m.body, m.delaySeconds);
    },
    async drain(o) {
      const concurrency = o.concurrency ?? 4;
      const maxRetries = o.maxRetries ?? 5;
      const deadline = Date.now() + (o.timeoutMs ?? 60_000);
      const running = new Set<Promise<void>>();
      for (;;) {
        if (o.until && (await o.until())) break;
        if (Date.now() > deadline) throw new Error('queue simulator: drain timed out');
        const now = Date.now();
        const readyIndex = pending.findIndex((e) => e.visibleAt <= now);
        if (readyIndex !== -1 && running.size < concurrency) {
          const [entry] = pending.splice(readyIndex, 1);
          const task = (async () => {
            try {
              await o.consume(entry!.body);
            } catch {
              entry!.attempts += 1;
              if (entry!.attempts > maxRetries) deadLetters.push(entry!.body);
              else
                pending.push({ ...entry!, visibleAt: Date.now() + Math.min(60, 2 ** entry!.attempts) * 100 });
            }
          })();
          running.add(task);
          void task.finally(() => running.delete(task));
          continue;
        }
        if (pending.length === 0 && running.size === 0) {
          if (!o.onIdle) break;
          await o.onIdle();
          if (pending.length === 0) break;
          continue;
        }
        await Promise.race([...running, new Promise((r) => setTimeout(r, 10))]);
      }
      await Promise.allSettled([...running]);
    },
  };
}
