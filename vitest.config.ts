import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects so `npm run test:unit` never needs a database and integration
// files each get their own throwaway database (see tests/helpers/test-db.ts).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          setupFiles: ["tests/helpers/integration-setup.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is memory-hungry (~400 MB per instance): two files at a time on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
