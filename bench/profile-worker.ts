// Samples workerd's CPU while a benchmark runs through wrangler dev, and prints where the time went.
// Start the benchmark with WORKER_INSPECTOR_PORT=9230 (scripts/stack.ts passes it to wrangler dev),
// then, while it sends:  npm run bench:profile-worker -- [port=9230] [seconds=15]
// It writes /tmp/worker-<id>.cpuprofile (open it in Chrome's DevTools) and lists the top self times.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// wrangler's inspector proxy refuses Node's built-in WebSocket handshake; the ws package it uses works.
interface Socket {
  once(event: 'open' | 'error', listener: (e?: unknown) => void): void;
  on(event: 'message', listener: (data: unknown) => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;

interface Target {
  id: string;
  title: string;
  webSocketDebuggerUrl: string;
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const port = process.argv[2] ?? '9230';
const seconds = Number(process.argv[3] ?? 15);

async function targets(): Promise<Target[]> {
  for (let i = 0; i < 300; i++) {
    try {
      const list = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Target[];
      if (list.length > 0) return list;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `no inspector target on port ${port}: start the benchmark with WORKER_INSPECTOR_PORT=${port}`,
  );
}

async function profile(target: Target): Promise<Profile> {
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 0;
  const pending = new Map<number, (m: { result?: { profile?: Profile } }) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: { profile?: Profile } };
    if (m.id === undefined) return;
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const call = (method: string, params = {}) =>
    new Promise<{ result?: { profile?: Profile } }>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 500 });
  await call('Profiler.start');
  const from = new Date();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const stopped = await call('Profiler.stop');
  // Wall-clock window, to count what the Worker did meanwhile (e.g. deliveries recorded in it).
  console.log(`profiled from ${from.toISOString()} to ${new Date().toISOString()}`);
  ws.close();
  if (!stopped.result?.profile) throw new Error('the inspector returned no profile');
  return stopped.result.profile;
}

for (const target of await targets()) {
  const p = await profile(target);
  writeFileSync(`/tmp/worker-${target.id}.cpuprofile`, JSON.stringify(p));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((sample, i) => {
    const frame = byId.get(sample)?.callFrame;
    const key = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-1)[0] ?? ''}:${frame.lineNumber}`
      : '?';
    const dt = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  console.log(`${target.title}: ${(total / 1e3).toFixed(0)} ms sampled, ${(idle / 1e3).toFixed(0)} ms idle`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
}
