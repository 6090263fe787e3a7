import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { latestDemoEndPeriod } from "./lib/demo/calendar";
import { DEFAULT_GRACE_DAYS } from "./lib/scoring/periods";

// End-to-end tests drive Debian's Chromium (Playwright's own browser download cannot reach its
// host here) against a production build serving a freshly seeded database.
// E2E_PORT lets two checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// One e2e database per port: two checkouts on one Postgres server (each on its own E2E_PORT) never
// drop or seed each other's database mid-run; E2E_DATABASE names another one.
const E2E_DATABASE = process.env.E2E_DATABASE ?? `persona_e2e_${PORT}`;
if (!/^[a-z_][a-z0-9_]*$/.test(E2E_DATABASE)) throw new Error(`E2E_DATABASE must be a plain lower-case name: ${E2E_DATABASE}`);
const postgresUrl = process.env.TEST_DATABASE_URL ? withDatabase(process.env.TEST_DATABASE_URL, E2E_DATABASE) : undefined;

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
// The demo's last month with data, fixed once per run: E2E_DEMO_END_PERIOD when set (to replay a
// run's dates), else the month the app itself would pick today. The server seeds with it
// (DEMO_END_PERIOD) and the specs derive the months they assert from it (helpers.ts), so the two
// agree whatever the date, even when the run straddles midnight. Workers inherit it from here.
process.env.E2E_DEMO_END_PERIOD ??= latestDemoEndPeriod(new Date().toISOString().slice(0, 10), DEFAULT_GRACE_DAYS);
const DEMO_END_PERIOD = process.env.E2E_DEMO_END_PERIOD;
if (!/^\d{4}-\d{2}-01$/.test(DEMO_END_PERIOD)) throw new Error(`E2E_DEMO_END_PERIOD must be a month start, YYYY-MM-01: ${DEMO_END_PERIOD}`);
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Generous: these 2-core machines run the suite beside builds and other suites, and a loaded
  // machine turns a 5 s step into 40 s. A real failure still fails, only later.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh database each run, migrated and seeded by the app on its first start: a database
    // on the Postgres server of TEST_DATABASE_URL when set, else an embedded one.
    command: `rm -rf .data/e2e && node tests/e2e/reset-database.mjs ${E2E_DATABASE} && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `${BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PGLITE_DATA_DIR: ".data/e2e/pglite",
      NEXTAUTH_URL: BASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      DEMO_END_PERIOD,
      ...(postgresUrl
        ? { DATABASE_URL: postgresUrl, ALLOW_DEMO_SEED: "true", NEXTAUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only" }
        : { DATABASE_URL: "" }),
    },
  },
});
