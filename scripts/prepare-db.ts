// `npm run db:prepare`: applies migrations and seeds the demo data into DATABASE_URL (idempotent).
import { createDb } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoData } from '../db/seed';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}
await migrateDatabase(url);
const handle = createDb(url);
await seedDemoData(handle.db);
await handle.close();
