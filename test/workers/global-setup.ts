// Runs in Node before the workerd suite: a database (embedded unless DATABASE_URL) with migrations
// and demo data, and the Telegram sandbox the Worker's bot talks to.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../db/embedded-server';
import { LOCAL_BOT_INFO, LOCAL_BOT_TOKEN } from '../../scripts/local-config';
import { startTelegramSandbox } from '../harness/telegram-sandbox';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    sandboxUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres();
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  // In a child process: this setup file is resolved with the workerd export conditions, under which
  // postgres.js picks its cloudflare:sockets build that Node cannot load.
  // Asynchronously, so the embedded server in this process keeps answering.
  await promisify(execFile)('npx', ['tsx', 'scripts/prepare-db.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  const sandbox = await startTelegramSandbox({ token: LOCAL_BOT_TOKEN, botInfo: LOCAL_BOT_INFO });
  project.provide('databaseUrl', databaseUrl);
  project.provide('sandboxUrl', sandbox.apiRoot);
  return async () => {
    await sandbox.close();
    await embedded?.stop();
  };
}
