// `npm start` with a configuration the Worker refuses (a webhook secret under 16 characters): the
// start fails fast naming the variable, and wrangler dev is not left running on the port.
import { createConnection, createServer } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { startStack } from '../../../scripts/stack';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('npm start with a configuration the Worker refuses', () => {
  it('fails with the health check’s reason and leaves nothing listening', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(
      startStack({ port, quiet: true, databaseUrl: inject('databaseUrl'), webhookSecret: 'too-short' }),
    ).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET must be 16-256 characters/);
    // Well before the 60 s health-check timeout: the refusal is not waited out.
    expect(Date.now() - started).toBeLessThan(55_000);
    await expect.poll(() => listening(port), { timeout: 10_000 }).toBe(false);
  });
});
