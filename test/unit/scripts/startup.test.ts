// `npm start`'s start-up: a Worker that refuses its configuration is reported at once with the health
// check's own explanation, and stopping wrangler dev stops its whole process group.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { stopProcessGroup } from '../../../scripts/child-process-group';
import { waitForHealthy } from '../../../scripts/health-check';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('waiting for the Worker', () => {
  it('stops at once with the reason when the Worker refuses its configuration', async () => {
    const server = createServer((_, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 'config_invalid',
            message: 'The service is misconfigured.',
            detail: 'TELEGRAM_WEBHOOK_SECRET must be 16-256 characters of A-Z a-z 0-9 _ -',
          },
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const child = spawn('sleep', ['30']);
    try {
      const started = Date.now();
      await expect(
        waitForHealthy(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, child, {
          timeoutMs: 20_000,
        }),
      ).rejects.toThrow(/refused its configuration: TELEGRAM_WEBHOOK_SECRET must be 16-256 characters/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      child.kill();
      server.close();
    }
  });

  it('says so when wrangler dev exits first', async () => {
    const child = spawn('true');
    await once(child, 'exit');
    await expect(waitForHealthy('http://127.0.0.1:9', child, { timeoutMs: 5_000 })).rejects.toThrow(
      /exited before the Worker became healthy/,
    );
  });
});

describe('stopping wrangler dev', () => {
  it('stops the grandchildren too (npx → wrangler → workerd), not only the direct child', async () => {
    // A shell standing in for npx, with a grandchild standing in for workerd.
    const child = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const grandchild = Number(String(line).trim());
    expect(alive(grandchild)).toBe(true);
    await stopProcessGroup(child, 3_000);
    await expect.poll(() => alive(grandchild), { timeout: 3_000 }).toBe(false);
  });
});
