#!/usr/bin/env node
// Runs the Prisma CLI for the commands that never need the native schema engine
// (generate, validate, format). The CLI still checks that an engine file exists and would
// try to download one from a host this project's machines cannot reach; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the check.
// Migrations do not go through here: see lib/db/migrate.ts and prisma/create-migration.ts.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const allowed = new Set(["generate", "validate", "format"]);
const [command, ...rest] = process.argv.slice(2);
if (!allowed.has(command)) {
  console.error(`prisma/tools/prisma.mjs runs only: ${[...allowed].join(", ")} (got "${command ?? ""}")`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, command, "--schema", "prisma/schema.prisma", ...rest], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
