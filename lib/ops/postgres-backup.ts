import { execFile, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { childProcessEnv } from "@/lib/env";
import { detectBackup, wrongKindMessage } from "./backup-file";
import type { BackupResult, RestoreResult } from "./embedded-backup";
import { commitPartial, exists, OpsError, partialOf, refuseExisting, removePartial } from "./files";
import { databaseFingerprint, type RunSql } from "./fingerprint";

// Backup and restore of a Postgres database (DATABASE_URL) with the machine's own pg_dump and
// pg_restore (PostgreSQL's client tools; Debian: package postgresql-client-<major>).
//
// Backup: pg_dump in custom format, consistent while the app runs (one repeatable-read snapshot).
// The fingerprint it prints is read in that very snapshot (pg_export_snapshot + pg_dump --snapshot),
// so it describes exactly what the file holds.
// Restore: pg_restore into an empty database, in one transaction (--single-transaction
// --exit-on-error: a failed restore leaves nothing half-written), owners and grants of the
// connecting role (--no-owner --no-privileges: the file can go to another server and role).
// A database that already holds tables is refused; --force first drops the schemas it holds
// (public, recreated empty, and pgboss, the job queue's), then restores.

const execFileP = promisify(execFile);

type Tool = "pg_dump" | "pg_restore";

export interface FoundTool {
  path: string;
  major: number;
  version: string;
}

/** Folders searched for pg_dump / pg_restore: PG_BIN_DIR when set, else Debian's versioned folders (newest first), /usr/bin, /usr/local/bin. */
async function candidateFolders(binDir?: string): Promise<string[]> {
  if (binDir) return [binDir];
  const versioned = await readdir("/usr/lib/postgresql").catch(() => [] as string[]);
  const newestFirst = versioned.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return [...newestFirst.map((v) => `/usr/lib/postgresql/${v}/bin`), "/usr/bin", "/usr/local/bin"];
}

async function toolVersion(file: string): Promise<FoundTool | null> {
  try {
    const { stdout } = await execFileP(file, ["--version"]);
    const match = /\(PostgreSQL\)\s+((\d+)(\.\d+)*)/.exec(stdout);
    return match ? { path: file, major: Number(match[2]), version: match[1]! } : null;
  } catch {
    return null;
  }
}

/**
 * The newest `tool` on this machine, which must be at least the server's major version (pg_dump
 * refuses to dump a newer server). A clear error when it is missing or too old.
 */
export async function findTool(tool: Tool, serverMajor: number, binDir?: string): Promise<FoundTool> {
  const folders = [...new Set(await candidateFolders(binDir))];
  const found: FoundTool[] = [];
  for (const folder of folders) {
    const file = path.join(folder, tool);
    if (!(await exists(file))) continue;
    const version = await toolVersion(file);
    if (version) found.push(version);
  }
  const install = `Install PostgreSQL's client tools of version ${serverMajor} or newer (Debian: apt-get install postgresql-client-${serverMajor}), or set PG_BIN_DIR to the folder that holds them.`;
  if (found.length === 0) {
    throw new OpsError(`${tool} was not found on this machine (looked in ${folders.join(", ")}). ${install}`);
  }
  const best = found.reduce((a, b) => (b.major > a.major ? b : a));
  if (best.major < serverMajor) {
    throw new OpsError(`${tool} ${best.version} (${best.path}) is older than the database server (PostgreSQL ${serverMajor}): it cannot handle a newer server's database. ${install}`);
  }
  return best;
}

/** libpq takes the URL without its password (it goes in PGPASSWORD, not on a command line) and without Prisma-only parameters. */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  for (const prismaOnly of ["schema", "connection_limit", "pool_timeout", "socket_timeout", "pgbouncer", "statement_cache_size"]) u.searchParams.delete(prismaOnly);
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function run(file: string, args: string[], extraEnv: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: childProcessEnv(extraEnv), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new OpsError(`${path.basename(file)} failed (${signal ?? `exit code ${code}`}):\n${stderr.trim()}`)),
    );
  });
}

const runOn =
  (client: Client): RunSql =>
  async (sql) =>
    (await client.query<Record<string, unknown>>(sql)).rows;

async function connect(url: string): Promise<{ client: Client; serverMajor: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return { client, serverMajor: Math.floor(Number(rows[0]!.v) / 10_000) };
}

export async function backupPostgres(url: string, fileInput: string, options: { binDir?: string } = {}): Promise<BackupResult & { tool: FoundTool }> {
  const file = path.resolve(fileInput);
  await refuseExisting(file);
  const { client, serverMajor } = await connect(url);
  try {
    const tool = await findTool("pg_dump", serverMajor, options.binDir);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const fingerprint = await databaseFingerprint(runOn(client));
    const { dbname, env } = libpqConnection(url);
    try {
      await run(tool.path, ["--format=custom", `--snapshot=${rows[0]!.snapshot}`, `--file=${partialOf(file)}`, `--dbname=${dbname}`], env);
      await commitPartial(file);
    } catch (error) {
      await removePartial(file);
      throw error;
    }
    await client.query("COMMIT");
    const bytes = (await readFile(file)).length;
    return { file, bytes, fingerprint, tool };
  } finally {
    await client.end();
  }
}

/** Schemas that hold the application's objects (everything but PostgreSQL's own). */
async function userSchemas(client: Client): Promise<{ schemas: string[]; relations: number }> {
  const { rows } = await client.query<{ nspname: string; relations: number }>(`
    SELECT n.nspname, count(c.oid)::int AS relations
    FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    GROUP BY n.nspname ORDER BY n.nspname`);
  return { schemas: rows.map((r) => r.nspname), relations: rows.reduce((a, r) => a + r.relations, 0) };
}

export async function restorePostgres(url: string, fileInput: string, options: { force?: boolean; binDir?: string } = {}): Promise<RestoreResult & { tool: FoundTool }> {
  const file = path.resolve(fileInput);
  if (!(await exists(file))) throw new OpsError(`${file} does not exist.`);
  const detected = detectBackup(await readFile(file));
  if (detected.kind !== "postgres") throw new OpsError(wrongKindMessage(file, detected, "postgres"));

  const { client, serverMajor } = await connect(url);
  try {
    const tool = await findTool("pg_restore", serverMajor, options.binDir);
    const database = new URL(url).pathname.slice(1) || "(default)";
    const existing = await userSchemas(client);
    if (existing.relations > 0 || existing.schemas.some((s) => s !== "public")) {
      if (!options.force) {
        throw new OpsError(
          `The database ${database} is not empty (${existing.relations} tables, indexes and sequences in schema ${existing.schemas.join(", ")}): a restore only writes into an empty database, so nothing was changed. ` +
            `Restore into a new database (createdb, then point DATABASE_URL at it), or run again with --force to DROP every schema of that database (${existing.schemas.join(", ")}) with all its data first and then restore.`,
        );
      }
      await client.query("BEGIN");
      for (const schema of existing.schemas) await client.query(`DROP SCHEMA "${schema.replaceAll('"', '""')}" CASCADE`);
      await client.query("CREATE SCHEMA public");
      await client.query("COMMIT");
    }
    const { dbname, env } = libpqConnection(url);
    await run(tool.path, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${dbname}`, file], env);
    return { file, fingerprint: await databaseFingerprint(runOn(client)), tool };
  } finally {
    await client.end();
  }
}
