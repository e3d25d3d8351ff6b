// Runs once per `vitest run` (Node suites): picks the database — the one in DATABASE_URL, else an
// in-memory PGlite served over the wire protocol — migrates it, seeds the demo data and hands the
// URL to the test files (`inject('databaseUrl')`).
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-server';
import { migrateDatabase } from '../../db/migrate';
import { seedDemoData } from '../../db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  const configured = process.env.DATABASE_URL?.trim();
  if (!configured) embedded = await startEmbeddedPostgres();
  const url = configured || embedded!.url;
  try {
    await migrateDatabase(url);
    const handle = createDb(url);
    try {
      await seedDemoData(handle.db);
    } finally {
      await handle.close();
    }
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  project.provide('databaseUrl', url);
  return async () => {
    await embedded?.stop();
  };
}
