// For deployments that have Prisma's native engine and use its standard commands
// (`prisma migrate deploy`, `prisma migrate status`). This project's own scripts do not need it:
// the app migrates itself (lib/db/migrate.ts) and `npm run db:generate` passes the schema path.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server prisma/seed.ts" },
  // Read by the Prisma CLI only; the app's environment is validated in lib/env.ts.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
