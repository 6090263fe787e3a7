import { env as currentEnv, isProductionDatabase, type Env } from "@/lib/env";
import { DEMO_PASSWORD } from "./catalogue";

// The demo adds accounts with a published password, so it must never land in a production
// database by accident: seeding there needs an explicit ALLOW_DEMO_SEED=true.

export class DemoSeedRefusedError extends Error {
  constructor() {
    super(
      "Refusing to seed demo data: NODE_ENV is production and DATABASE_URL is set, so this looks like a production database. " +
        `The demo data adds accounts with the well-known password "${DEMO_PASSWORD}". ` +
        "Set ALLOW_DEMO_SEED=true if you really want demo data in this database.",
    );
    this.name = "DemoSeedRefusedError";
  }
}

/** Throws unless demo data may be written: never into a production database unless asked. */
export function assertDemoSeedAllowed(env: Env = currentEnv()): void {
  if (isProductionDatabase(env) && !env.ALLOW_DEMO_SEED) throw new DemoSeedRefusedError();
}
