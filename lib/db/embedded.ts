import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded database: PostgreSQL compiled to WebAssembly (PGlite), served over the wire
// protocol on a loopback port so the app reaches it through the same `pg` driver and Prisma
// adapter as a real Postgres. PGlite is a single session: callers must use a pool of one.

export interface EmbeddedPostgres {
  url: string;
  dataDir: string | null;
  close(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Another live process holds the data folder (its pid is in `<dataDir>.lock`). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running app or seed). ` +
        `Stop that process first, or set DATABASE_URL to use a Postgres server.`,
    );
    this.name = "DataDirInUseError";
  }
}

/**
 * Two processes writing one PGlite data folder corrupt it; a pid file keeps the second out.
 * Returns the unlock function. Used by the app (startEmbeddedPostgres), which may take over its own
 * pid's lock (a dev reload), and by backup/restore, which refuse even that (`allowSelf: false`).
 */
export async function lockDataDir(dataDir: string, options: { allowSelf?: boolean } = {}): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  const holder = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
  if (Number.isInteger(holder) && (holder !== process.pid || options.allowSelf === false) && isAlive(holder)) {
    throw new DataDirInUseError(dataDir, holder);
  }
  await mkdir(path.dirname(lockFile), { recursive: true });
  await writeFile(lockFile, String(process.pid));
  return () => rm(lockFile, { force: true });
}

/** Starts PGlite on `dataDir` (or in memory when null) and serves it on 127.0.0.1 on a free port. */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir ?? undefined);
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
    await server.start();
    const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    let closed = false;
    return {
      url,
      dataDir,
      async close() {
        if (closed) return;
        closed = true;
        await server.stop();
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
