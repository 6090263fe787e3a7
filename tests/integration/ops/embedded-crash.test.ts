import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { backupEmbedded, restoreEmbedded } from "@/lib/ops/embedded-backup";
import { exists } from "@/lib/ops/files";

// Crash safety of the embedded database: a child process opens a PGlite data folder the way the
// app does and saves values through the save-measurement command in a loop, reporting each one
// after its commit; it is killed with SIGKILL in the middle of its writes. Then the folder must
// open again and hold every value that was reported committed (at most one more: the write that
// committed just before the kill, unreported). While the child holds the folder, backup and
// restore refuse with "stop the app first". Runs on PGlite whatever TEST_DATABASE_URL says.
//
// Why it holds: PGlite mounts the data folder with Emscripten's NODEFS, whose writes go straight to
// the operating system (write(2)); PostgreSQL writes the commit's WAL record before it answers,
// so a killed process loses nothing that was committed. (PGlite starts PostgreSQL with fsync
// off and its fsync is a no-op: an operating-system crash or power loss can lose the last
// commits. `relaxedDurability` only concerns the browser's IndexedDB sync, not NODEFS.)

let tmp: string;
let dataDir: string;
let setup: { actor: { id: string; role: "ADMIN"; departmentId: null; name: string; email: string }; kpiId: string; personaIds: string[] };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "ps-crash-"));
  dataDir = path.join(tmp, "pglite");
  const server = await startEmbeddedPostgres(dataDir);
  const pool = createPool(server.url, 1);
  const db = createPrismaClient(pool);
  try {
    await applyMigrations(pool);
    const admin = await db.user.create({ data: { email: "crash-admin@example.test", name: "Crash Admin", role: "ADMIN" } });
    const scorecard = await db.scorecard.create({ data: { slug: "crash", name: "Crash" } });
    const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
    const kpi = await db.kpi.create({
      data: { code: "CRASH-1", name: "Crash KPI", perspectiveId: perspective.id, timing: "LAGGING", unit: "COUNT", direction: "HIGHER_IS_BETTER", frequency: "MONTHLY", weight: 1, status: "ACTIVE" },
    });
    const personaIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      personaIds.push((await db.persona.create({ data: { slug: `crash-${i}`, name: `Crash ${i}`, description: "Crash persona", status: "ACTIVE", priority: 1 } })).id);
    }
    setup = { actor: { id: admin.id, role: "ADMIN", departmentId: null, name: admin.name, email: admin.email }, kpiId: kpi.id, personaIds };
  } finally {
    await db.$disconnect();
    await pool.end();
    await server.close();
  }
}, 300_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function startWriter() {
  const script = path.join(import.meta.dirname, "child", "write-loop.ts");
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, SKIP_DEMO_SEED: "true" };
  delete env.DATABASE_URL; // the embedded database, as the app opens it
  delete env.DATABASE_POOL_SIZE;
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would orphan.
  const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script, JSON.stringify(setup)], { env, stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  let buffer = "";
  proc.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.on("exit", (code, signal) => resolve(signal ?? code)));
  return { proc, lines, exited };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 180_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const committed = (lines: string[]) =>
  lines.filter((l) => l.startsWith("committed ")).map((l) => {
    const [, id, value] = l.split(" ");
    return { id: id!, value: value! };
  });

describe("the embedded database killed with SIGKILL in the middle of writes", () => {
  it("refuses backup and restore while the process holds the folder, then loses no committed value and opens again", async () => {
    const writer = startWriter();
    try {
      await waitFor(() => writer.lines.includes("ready") || writer.proc.exitCode !== null, "the child to open the database");
      expect(writer.lines).toContain("ready");

      // The app is running: a backup (or restore) from another process is refused, nothing written.
      const file = path.join(tmp, "while-running.backup");
      await expect(backupEmbedded(dataDir, file)).rejects.toThrow(new RegExp(`^Stop the app first: the embedded database in ${dataDir} is open in process ${writer.proc.pid}`));
      expect(await exists(file)).toBe(false);
      // A file shaped like a PGlite archive (gzipped tar with PG_VERSION) passes the kind check, then meets the lock.
      await writeFile(path.join(tmp, "PG_VERSION"), "17\n");
      const archive = path.join(tmp, "shaped.backup");
      execFileSync("tar", ["czf", archive, "-C", tmp, "PG_VERSION"]);
      await expect(restoreEmbedded(archive, dataDir, { force: true })).rejects.toThrow(/^Stop the app first/);

      await waitFor(() => committed(writer.lines).length >= 60 || writer.proc.exitCode !== null, "60 committed writes");
      writer.proc.kill("SIGKILL"); // mid-loop: the next save is under way
    } finally {
      if (writer.proc.exitCode === null) writer.proc.kill("SIGKILL");
    }
    expect(await writer.exited).toBe("SIGKILL");
    const reported = committed(writer.lines);
    expect(reported.length).toBeGreaterThanOrEqual(60);
    expect(writer.lines.some((l) => l.startsWith("refused"))).toBe(false);

    // Reopen as the app would after the crash (the dead process's lock is stale).
    const server = await startEmbeddedPostgres(dataDir);
    const pool = createPool(server.url, 1);
    try {
      const { rows } = await pool.query<{ id: string; value: string }>(`SELECT id, value::int::text AS value FROM "Measurement"`);
      const stored = new Map(rows.map((r) => [r.id, r.value]));
      const missing = reported.filter((r) => stored.get(r.id) !== r.value);
      expect(missing).toEqual([]);
      expect(rows.length).toBeGreaterThanOrEqual(reported.length);
      expect(rows.length).toBeLessThanOrEqual(reported.length + 1);
      // Each saved value has its audit event, written in the same transaction.
      const audits = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityType" = 'Measurement'`);
      expect(audits.rows[0]!.n).toBe(rows.length);
      // And the database takes writes again.
      await pool.query(`UPDATE "Measurement" SET value = 1 WHERE id = $1`, [reported[0]!.id]);
      const checked = await pool.query(`SELECT count(*)::int AS n FROM "Measurement" WHERE value = 1`);
      expect(checked.rows[0]).toEqual({ n: 1 });
    } finally {
      await pool.end();
      await server.close();
    }
  }, 600_000);
});
