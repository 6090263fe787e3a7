import { afterAll } from "vitest";
import { closeDatabase } from "@/lib/db";
import { createTestDatabase } from "./test-db";

// Runs before every integration test file: the file gets its own freshly migrated database,
// and lib/db (through DATABASE_URL) talks to it.
const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = String(database.poolSize);
process.env.SKIP_DEMO_SEED = "true";

afterAll(async () => {
  await closeDatabase();
  await database.drop();
});
